"""The demo's coverage picture reproduces the rates published for Kabupaten Tegal, labelled as estimates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.coverage.indicators import region_figures
from jaring.demo.coverage import demo_coverage

pytestmark = pytest.mark.django_db


def test_demo_coverage(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    made = demo_coverage(today=date(2026, 12, 3))
    assert made["participants"] > 24 * 4
    figures = {f.indicator.code: f for f in region_figures("33.28", date(2024, 10, 1))}
    assert figures["UCJ"].value == Decimal("0.3029")
    assert figures["PU"].value == Decimal("0.6423")
    assert figures["BPU"].value == Decimal("0.1239")
    assert figures["JAKON_POTENTIAL"].value == Decimal("0.3435")
    assert figures["UCJ"].estimate
    assert figures["UCJ"].as_json()["denominator_period"] == "2023-08"  # BPS's own, not an estimate
    # Tegal's own (demo) RPJMD targets, five years of them, labelled as illustrative.
    from jaring.coverage.models import RegionTarget

    targets = RegionTarget.objects.filter(region_id="33.28").order_by("year")
    assert [(t.year, str(t.value)) for t in targets][:2] == [(2025, "0.3100"), (2026, "0.3300")]
    assert all("contoh demo" in t.citation for t in targets)
    kota = {f.indicator.code: f for f in region_figures("33.76", date(2025, 9, 1))}
    # From the counts: 33,035 / 55,201 = 0.598449…; 59.94% was published, a rate its counts do not give.
    assert kota["PU_POTENTIAL"].value == Decimal("0.5984")
    assert demo_coverage(today=date(2026, 12, 3))["participants"] == made["participants"]
