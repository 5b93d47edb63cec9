"""The demo's money path: a programme with three sponsors, an enrolled cohort answered by BPJS with a few
rejections, and an ad hoc cohort that has ended; loading again changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.demo import funding, load
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Programme

pytestmark = pytest.mark.django_db


def test_demo_programmes(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(load, "DEMO_VILLAGE_COUNT", 2)
    monkeypatch.setattr(load, "ROWS_PER_VILLAGE", 120)
    monkeypatch.setattr(funding, "MAIN_WORKERS", 60)
    monkeypatch.setattr(funding, "ADHOC_WORKERS", 10)
    load.demo_users()
    load.demo_imports()
    made = funding.demo_programmes(today=date(2026, 12, 3))
    main, adhoc = (Programme.objects.get(name=m.name) for m in made)
    assert {s.sponsor.kind: s.share for s in main.sponsors.select_related("sponsor")} == {
        "apbd": 60, "dbhcht": 30, "csr": 10,
    }  # fmt: skip
    statuses = dict.fromkeys(Status.values, 0) | {
        s: Membership.objects.filter(programme=main, status=s).count() for s in Status.values
    }
    assert statuses[Status.ACTIVE] > 0
    assert 0 < statuses[Status.CANCELLED] < statuses[Status.ACTIVE]
    assert Membership.objects.filter(
        programme=main, status=Status.CANCELLED, reason__startswith="Ditolak BPJS"
    ).exists()
    assert set(Membership.objects.filter(programme=adhoc).values_list("status", flat=True)) == {Status.ENDED}
    assert (tmp_path / "demo" / "bpjs" / f"pendaftaran-{main.pk}.xlsx").exists()
    assert funding.demo_programmes(today=date(2026, 12, 3)) == []
