"""Who sees which programme and which of its workers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from jaring.accounts.access import NotInScope
from jaring.funding.models import Sponsor
from jaring.funding.selectors import access_programme, may_edit_programme, programmes_for
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


@pytest.fixture
def programmes(tegal_operator):
    for nik, village in (("3328015203900001", "33.28.01.2001"), ("3328015203900002", "33.28.01.2002")):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code=village, birth_date=date(1990, 3, 12))
        worker_register(actor=tegal_operator, data=data)
    shares = (SponsorShare("apbd", "APBD", 90), SponsorShare("csr", "PT Tegal Makmur Logam", 10))  # type: ignore[arg-type]

    def make(name: str, region: str, sponsors=()):
        inp = ProgrammeInput(region_code=region, name=name, segment="bpu", start=date(2027, 1, 1), months=12,
                             sponsors=sponsors)  # fmt: skip
        return programme_create(actor=None, inp=inp, today=TODAY)

    tegal = make("Tegal", "33.28", shares)
    return {"tegal": tegal, "jateng": make("Jawa Tengah", "33"), "bekasi": make("Bekasi", "32.16")}


def _names(user) -> set[str]:
    return set(programmes_for(user).values_list("name", flat=True))


def test_region_scope_includes_ancestors(programmes, tegal_operator, village_operator, bekasi_operator):
    assert _names(tegal_operator) == {"Tegal", "Jawa Tengah"}
    assert _names(village_operator) == {"Tegal", "Jawa Tengah"}
    assert _names(bekasi_operator) == {"Bekasi"}
    with pytest.raises(NotInScope):
        access_programme(bekasi_operator, programmes["tegal"].pk)


def test_only_the_programmes_own_region_edits(programmes, tegal_operator, village_operator, auditor):
    assert may_edit_programme(tegal_operator, programmes["tegal"])
    assert not may_edit_programme(tegal_operator, programmes["jateng"])
    assert not may_edit_programme(village_operator, programmes["tegal"])
    assert not may_edit_programme(auditor, programmes["tegal"])


def test_a_sponsor_sees_what_it_funds_and_nothing_else(programmes, sponsor_user):
    assert _names(sponsor_user) == set()
    Sponsor.objects.get(kind="csr").members.add(sponsor_user)
    assert _names(sponsor_user) == {"Tegal"}


def test_leaders_see_no_programme_lists(programmes, leader):
    with pytest.raises(PermissionDenied):
        programmes_for(leader)
