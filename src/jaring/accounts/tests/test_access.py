from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jaring.accounts.access import NotInScope, access_region, code_in_scope, has_capability, scope_code
from jaring.accounts.models import User
from jaring.accounts.roles import Cap
from jaring.accounts.services import user_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "code", "visible"),
    [
        ("tegal_operator", "33.28", True),
        ("tegal_operator", "33.28.01.2001", True),
        ("tegal_operator", "33", True),  # ancestor: shown for navigation
        ("tegal_operator", "33.76", False),  # Kota Tegal is another region
        ("tegal_operator", "32.16", False),
        ("village_operator", "33.28.01.2001", True),
        ("village_operator", "33.28.01", True),  # ancestor
        ("village_operator", "33.28.01.2002", False),  # the neighbouring village
        ("village_operator", "33.28.02", False),
        ("bekasi_operator", "33.28", False),
        ("bekasi_operator", "32.16.01", True),
    ],
)
def test_access_region(request, persona, code, visible):
    user = request.getfixturevalue(persona)
    if visible:
        assert access_region(user, code).code == code
    else:
        with pytest.raises(NotInScope):
            access_region(user, code)


def test_code_in_scope_is_prefix_on_whole_segments(tegal_operator):
    assert code_in_scope(tegal_operator, "33.28.01")
    # "33.2" is a string prefix of "33.28" but not a region inside it.
    assert not code_in_scope(tegal_operator, "33.2")


def test_leader_cannot_check_nik_but_sees_dashboards(leader):
    assert not has_capability(leader, Cap.NIK_CHECK)
    assert has_capability(leader, Cap.DASHBOARD_VIEW)


def test_inactive_user_has_no_scope(tegal_operator):
    tegal_operator.is_active = False
    with pytest.raises(PermissionDenied):
        scope_code(tegal_operator)
    assert not has_capability(tegal_operator, Cap.REGIONS_VIEW)


@pytest.mark.parametrize(
    ("role", "region", "message"),
    [
        (
            "village_operator",
            "33.28",
            "Peran Operator Desa harus terikat pada wilayah tingkat desa/kelurahan.",
        ),
        (
            "operator",
            "33.28.01.2001",
            "Peran Operator Pemda harus terikat pada wilayah tingkat provinsi, kabupaten/kota.",
        ),
        ("dukun", "33.28", "Peran 'dukun' tidak dikenal."),
    ],
)
def test_user_create_checks_role_against_region_level(role, region, message):
    with pytest.raises(ValidationError) as exc:
        user_create(username="x.y", password="rahasia-panjang-1", role=role, region_code=region)
    assert exc.value.messages == [message]


def test_user_create_writes_audit_event(tegal_admin):
    from jaring.audit.models import AuditEvent

    user = user_create(
        username="operator.dkp",
        password="rahasia-panjang-1",
        role="operator",
        region_code="33.28",
        actor=tegal_admin,
    )
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert (event.actor, event.region_code) == (tegal_admin, "33.28")
    assert "rahasia" not in str(event.summary)


def test_database_requires_a_region_for_non_superusers():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="lepas", role="operator")


def test_production_hasher_is_argon2():
    from django.conf import settings as real_settings

    from jaring import settings as jaring_settings

    assert jaring_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert real_settings.AUTH_USER_MODEL == "accounts.User"
