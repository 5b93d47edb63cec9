"""A small cohort for the page tests: five workers in two villages of Kabupaten Tegal, two sources, one
too old, in a programme the demo CSR sponsor funds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jaring.enrolment.services import cohort_enrol
from jaring.funding.models import ProgrammeSponsor, Sponsor
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

OWN, OTHER = "33.28.01.2001", "33.28.01.2002"


@pytest.fixture
def cohort(tegal_operator: Any, sponsor_user: Any) -> Any:
    people = [
        ("3328015203900001", "Siti Aminah", OWN, date(1990, 3, 12), "Musdes Prupuk"),
        ("3328015203900002", "Sri Wahyuni", OWN, date(1985, 5, 1), "Musdes Prupuk"),
        ("3328011203500003", "Budi Santoso", OWN, date(1950, 3, 12), "Musdes Prupuk"),  # over 65
        ("3328015203900004", "Dewi Lestari", OTHER, date(1991, 1, 2), "Data HNSI"),
        ("3328011203900005", "Agus Salim", OTHER, date(1992, 2, 3), "Data HNSI"),
    ]
    workers = {}
    for nik, name, village, born, source in people:
        data = WorkerInput(nik=nik, name=name, sex="F", village_code=village, birth_date=born, source=source)
        workers[nik] = worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(
        region_code="33.28", name="Pekerja Rentan 2027", segment="bpu", start=date(2027, 1, 1), months=12,
        budget=Decimal(201_600 * 3),
    )  # fmt: skip
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    sponsor = Sponsor.objects.create(name="PT Tegal Makmur", kind="csr", region_id="33.28", created_at=timezone.now())
    sponsor.members.add(sponsor_user)
    ProgrammeSponsor.objects.create(programme=programme, sponsor=sponsor, share=100, wadah="SC")
    cohort_enrol(actor=None, programme=programme)
    return programme, workers
