"""A Tegal programme over six workers in two villages of Kecamatan Margasari, for the page tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.funding.models import Sponsor
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.services import WorkerInput, worker_register

TODAY = date(2026, 12, 3)
OWN_VILLAGE, OTHER_VILLAGE = "33.28.01.2001", "33.28.01.2002"


@pytest.fixture
def tegal_programme(tegal_operator, sponsor_user):
    for i, village in enumerate([OWN_VILLAGE] * 3 + [OTHER_VILLAGE] * 3):
        born = date(1990, 3, 12) if i != 5 else date(1940, 3, 12)  # the last is over the maximum age
        data = WorkerInput(nik=f"33280152039000{i + 1:02d}", name=f"Siti {i}", sex="F", village_code=village,
                           birth_date=born)  # fmt: skip
        worker_register(actor=tegal_operator, data=data)
    shares = (
        SponsorShare("apbd", "APBD Tegal", Decimal(90)),
        SponsorShare("csr", "PT Tegal Makmur Logam", Decimal(10)),
    )
    inp = ProgrammeInput(region_code="33.28", name="Perlindungan Pekerja Rentan 2027", segment="bpu",
                         start=date(2027, 1, 1), months=12, budget=Decimal(1_000_000), sponsors=shares)  # fmt: skip
    programme = programme_create(actor=None, inp=inp, today=TODAY)
    Sponsor.objects.get(kind="csr").members.add(sponsor_user)
    return programme
