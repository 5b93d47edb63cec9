"""The demo's published coverage rates: a copy of ``../shared/data/coverage-reported.csv`` whose notes
are put in Indonesian (the figures and sources as published), loaded so that the rates that do not
reconcile with their own counts (Kota Tegal's PU of September 2025 among them) show flagged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jaring.coverage.published import published_load

REPORTED = Path(__file__).resolve().parent / "data" / "coverage-reported.csv"


def demo_published(today: date | None = None) -> dict[str, int]:
    loaded = published_load(actor=None, path=REPORTED, today=today)
    return {"published": loaded.rows, "flagged": loaded.flagged}
