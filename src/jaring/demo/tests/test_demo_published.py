"""The demo's published rates: Kota Tegal's PU of September 2025 flagged, its BPU not; the copy keeps the
shared file's figures and sources (only the notes are put in Indonesian)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from jaring.coverage.models import PublishedFigure
from jaring.demo.published import REPORTED, demo_published

SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "coverage-reported.csv"


@pytest.mark.django_db
def test_demo_published():
    assert demo_published(today=date(2026, 12, 3)) == {"published": 11, "flagged": 3}
    kota = dict(PublishedFigure.objects.filter(region_code="33.76").values_list("segment", "flagged"))
    assert (kota["PU"], kota["BPU"]) == (True, False)
    assert demo_published(today=date(2026, 12, 3))["published"] == 11
    assert PublishedFigure.objects.count() == 11


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside this checkout")
def test_the_copy_keeps_the_published_figures():
    def figures(path: Path) -> list[list[str]]:
        with path.open(encoding="utf-8") as handle:
            return [[v for k, v in row.items() if k not in ("note", "source")] for row in csv.DictReader(handle)]

    assert figures(REPORTED) == figures(SHARED)
