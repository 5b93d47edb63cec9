"""A sponsored cohort to bill: Kabupaten Tegal's BPU programme from January 2026, three members, funded
60% APBD, 30% DBHCHT and 10% by a CSR sponsor (the demo's shares)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Programme, Sponsor
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.services import WorkerInput, worker_register

TODAY = date(2026, 12, 3)


def make_programme(shares: list[tuple[str, str, str]], *, today: date = date(2025, 12, 1), **changes: Any) -> Programme:
    values: dict[str, Any] = {"region_code": "33.28", "name": "Pekerja Rentan 2026", "segment": "bpu"}
    values |= {"start": date(2026, 1, 1), "months": 12} | changes
    inp = ProgrammeInput(**values, sponsors=tuple(SponsorShare(k, n, Decimal(s)) for k, n, s in shares))
    return programme_create(actor=None, inp=inp, today=today)


def enrol(
    programme: Programme, workers: list[Any], *, start: date | None = None, end: date | None = None
) -> list[Membership]:
    now = timezone.now()
    first = start or programme.start
    last = end or date(2026, 12, 31)
    return [
        Membership.objects.create(
            worker=w, programme=programme, start=first, end=last, status=Status.ACTIVE, created_at=now, updated_at=now
        )
        for w in workers
    ]


@pytest.fixture
def workers(tegal_operator: Any) -> list[Any]:
    made = []
    for i in range(1, 7):
        data = WorkerInput(
            nik=f"332801520390{i:04d}", name=f"Pekerja {i}", sex="F", village_code="33.28.01.2001",
            birth_date=date(1980, 3, 12),
        )  # fmt: skip
        made.append(worker_register(actor=tegal_operator, data=data))
    return made


@pytest.fixture
def tegal(workers: list[Any]) -> Programme:
    programme = make_programme(
        [("apbd", "Pemkab Tegal", "60"), ("dbhcht", "DBHCHT Tegal", "30"), ("csr", "PT Tegal Makmur", "10")]
    )
    enrol(programme, workers[:3])
    return programme


def sponsor(name: str) -> Sponsor:
    return Sponsor.objects.get(name=name)
