"""Linking sponsor-role users to a sponsor on the sponsors page: the region's administrator only, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jaring.accounts.access import NotInScope
from jaring.accounts.services import user_create
from jaring.audit.models import AuditEvent
from jaring.funding.models import Sponsor
from jaring.funding.services import FundingRefused, ProgrammeInput, SponsorShare, programme_create
from jaring.funding.sponsor_members import sponsor_member_add, sponsor_member_remove
from jaring.funding.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def apbd(tegal_programme) -> Sponsor:
    return Sponsor.objects.get(kind="apbd")


def _sponsor_user(username: str, region: str = "33.28", role: str = "sponsor"):
    return user_create(username=username, password="rahasia-sekali-2026", role=role, region_code=region)


def _add(client, sponsor: Sponsor, user_id: object):
    return client.post(f"/program/sponsor/{sponsor.pk}/pengguna/", {"user": str(user_id)})


def _remove(client, sponsor: Sponsor, user_id: int):
    return client.post(f"/program/sponsor/{sponsor.pk}/pengguna/{user_id}/lepas/")


def test_the_admin_links_a_sponsor_user_who_then_sees_the_programme(apbd, tegal_programme, tegal_admin, client_for):
    baznas = _sponsor_user("baznas.tegal")
    admin = client_for(tegal_admin)
    page = admin.get("/program/sponsor/").content.decode()
    assert f'id="sponsor-{apbd.pk}-members"' in page
    assert f'value="{baznas.pk}">' in page  # offered as a candidate

    response = _add(admin, apbd, baznas.pk)
    assert (response.status_code, response["Location"]) == (302, f"/program/sponsor/#sponsor-{apbd.pk}")
    assert list(apbd.members.all()) == [baznas]
    event = AuditEvent.objects.get(action="sponsor.member.add")
    assert (event.actor, event.summary) == (tegal_admin, {"sponsor": apbd.pk, "user": "baznas.tegal"})
    assert tegal_programme.name in client_for(baznas).get("/program/").content.decode()

    assert _remove(admin, apbd, baznas.pk).status_code == 302
    assert not apbd.members.exists()
    assert AuditEvent.objects.filter(action="sponsor.member.remove", actor=tegal_admin).count() == 1
    assert tegal_programme.name not in client_for(baznas).get("/program/").content.decode()


# (the region's APBD sponsor, the CSR sponsor the sponsor user speaks for): a sponsor user cannot even see
# the APBD sponsor (404); it reads its own, but may not change who else speaks for it (403).
@pytest.mark.parametrize(
    ("persona", "statuses"),
    [
        ("tegal_operator", (403, 403)),
        ("sponsor_user", (404, 403)),
        ("village_operator", (403, 403)),
        ("bekasi_operator", (404, 404)),
    ],
)
def test_no_one_but_the_admin_links_or_unlinks(request, apbd, client_for, persona, statuses):
    baznas = _sponsor_user("baznas.tegal")
    csr = Sponsor.objects.get(kind="csr")
    client = client_for(request.getfixturevalue(persona))
    assert _add(client, apbd, baznas.pk).status_code == statuses[0]
    assert _add(client, csr, baznas.pk).status_code == statuses[1]
    assert _remove(client, csr, request.getfixturevalue("sponsor_user").pk).status_code == statuses[1]
    assert not apbd.members.exists()
    assert list(csr.members.values_list("username", flat=True)) == ["csr.tegalmakmur"]
    assert not AuditEvent.objects.filter(action__startswith="sponsor.member").exists()
    assert "sponsor-members" not in client.get("/program/sponsor/").content.decode()


def test_only_sponsor_role_users_of_the_admins_region_are_linked(apbd, tegal_admin, tegal_operator, client_for):
    admin = client_for(tegal_admin)
    bekasi_sponsor = _sponsor_user("csr.bekasi", region="32.16")
    assert _add(admin, apbd, bekasi_sponsor.pk).status_code == 404
    assert _add(admin, apbd, tegal_operator.pk).status_code == 404  # not of the sponsor role
    assert _add(admin, apbd, 987654).status_code == 404
    page = admin.get("/program/sponsor/").content.decode()
    assert "csr.bekasi" not in page
    assert not apbd.members.exists()
    with pytest.raises(FundingRefused) as refused:
        sponsor_member_add(actor=tegal_admin, sponsor=apbd, member=tegal_operator)
    assert refused.value.code == "SPONSOR_MEMBER.ROLE"
    with pytest.raises(NotInScope):
        sponsor_member_add(actor=tegal_admin, sponsor=apbd, member=bekasi_sponsor)


def test_a_province_sponsor_is_not_the_regency_admins_to_manage(tegal_admin):
    province = user_create(username="admin.jateng", password="rahasia-sekali-2026", role="admin", region_code="33")
    inp = ProgrammeInput(region_code="33", name="Jateng", segment="bpu", start=date(2027, 1, 1), months=12,
                         sponsors=(SponsorShare("apbd", "APBD Jawa Tengah", Decimal(100)),))  # fmt: skip
    programme_create(actor=None, inp=inp, today=TODAY)
    jateng = Sponsor.objects.get(region_id="33")
    member = _sponsor_user("csr.tegal2")
    with pytest.raises(PermissionDenied):
        sponsor_member_add(actor=tegal_admin, sponsor=jateng, member=member)
    # The province's admin may: the user is bound inside the province.
    sponsor_member_add(actor=province, sponsor=jateng, member=member)
    with pytest.raises(FundingRefused) as twice:
        sponsor_member_add(actor=province, sponsor=jateng, member=member)
    assert twice.value.code == "SPONSOR_MEMBER.EXISTS"
    sponsor_member_remove(actor=province, sponsor=jateng, member=member)
    with pytest.raises(FundingRefused) as absent:
        sponsor_member_remove(actor=province, sponsor=jateng, member=member)
    assert absent.value.code == "SPONSOR_MEMBER.ABSENT"


def test_the_admins_sponsor_page_stays_a_few_queries(apbd, tegal_admin, client_for, django_assert_max_num_queries):
    for n in range(5):
        apbd.members.add(_sponsor_user(f"donor.{n}"))
    admin = client_for(tegal_admin)
    with django_assert_max_num_queries(12):
        page = admin.get("/program/sponsor/").content.decode()
    assert page.count(f"/program/sponsor/{apbd.pk}/pengguna/") == 6  # five removals and the add form
