"""The demo's coverage picture: the BPS workforce of ``../shared/data/workforce.csv`` with its sources, Kota
Tegal's agreed potential and BPJS counts of September 2025 as published, and for Kabupaten Tegal 24
months of BPJS counts around October 2024, demo estimates chosen to reproduce the rates published for
it (30.29% overall; PU 64.23%, BPU 12.39%, Jakon 34.35%) and labelled as estimates. Then the
aggregates of Jaring's own memberships and bills, by segment, occupation and sponsor (the dashboard's charts,
its lapses and each village's "1 desa 100 pekerja rentan" progress). Loading again replaces the same rows."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from jaring.coverage.loading import denominators_load, participants_load
from jaring.coverage.refresh import coverage_refresh
from jaring.coverage.targets import TargetInput, region_target_set
from jaring.rules.table import add_months

ESTIMATE = "perkiraan demo: dipilih agar sama dengan angka yang diumumkan untuk Kabupaten Tegal, Oktober 2024"
# Kabupaten Tegal, October 2024, against BPS's 777,750 employed (Sakernas August 2023) and estimated
# formal/informal and construction figures: 235,581 / 777,750 = 30.29%, 124,888 / 194,438 = 64.23%,
# 72,272 / 583,312 = 12.39%, 34,350 / 100,000 = 34.35%.
TEGAL_OCT_2024 = {"PU": 124_888, "BPU": 72_272, "JAKON": 34_350, "PMI": 4_071}
TEGAL_DENOMINATORS = {"formal": 194_438, "informal": 583_312, "potential_jakon": 100_000}
# A month's growth around the anchor, and the BPU workers the year's programmes activate in January.
GROWTH = {"PU": 260, "BPU": 180, "JAKON": 90, "PMI": 6}
SPONSORED_FROM_2026 = 2_500


# A copy of ../shared/data/workforce.csv (BPS Sakernas figures found in public reports, with sources).
WORKFORCE = Path(__file__).resolve().parent / "data" / "workforce.csv"


def _workforce_rows() -> list[list[str]]:
    rows = []
    with WORKFORCE.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            employed, period, source = r["employed"], r["period"], r["source"]
            if not employed:
                continue
            rows.append([r["region_code"], period, "employed", employed, source, ""])
            for kind in ("formal", "informal"):
                share = r.get(f"{kind}_share") or ""
                if share:
                    rows.append([r["region_code"], period, kind, str(round(int(employed) * float(share))), source, ""])
    return rows


def _tegal_months(today: date) -> list[list[str]]:
    rows = []
    last = add_months(today.replace(day=1), -1)
    for k in range(-12, 26):
        month = add_months(date(2024, 10, 1), k)
        if month > last:
            break
        for segment, anchor in TEGAL_OCT_2024.items():
            count = anchor + GROWTH[segment] * k
            if segment == "BPU" and month >= date(2026, 1, 1):
                count += SPONSORED_FROM_2026
            rows.append(["33.28", f"{month:%Y-%m}", segment, str(count), ESTIMATE, "ya"])
    return rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def demo_coverage(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    folder = Path(settings.VAR_DIR) / "demo" / "cakupan"
    folder.mkdir(parents=True, exist_ok=True)
    kota = "puskapik.com: kepesertaan BPJS Ketenagakerjaan di Tegal capai 52,55 persen"
    denominators = _workforce_rows()
    denominators += [
        ["33.28", "2023-08", kind, str(value), ESTIMATE, "ya"] for kind, value in TEGAL_DENOMINATORS.items()
    ]
    denominators += [
        ["33.76", "2025", f"potential_{k}", str(v), kota, ""]
        for k, v in (("pu", 55201), ("bpu", 37880), ("jakon", 7509))
    ]
    participants = _tegal_months(today)
    participants += [
        ["33.76", "2025-09", s, str(n), kota, ""] for s, n in (("PU", 33035), ("BPU", 12314), ("JAKON", 7509))
    ]
    loaded_d = denominators_load(
        actor=None,
        path=_write(
            folder / "penyebut.csv", ["region_code", "period", "kind", "value", "source", "estimate"], denominators
        ),
        today=today,
    )
    loaded_p = participants_load(
        actor=None,
        path=_write(
            folder / "peserta-bpjs.csv",
            ["region_code", "month", "segment", "participants", "source", "estimate"],
            participants,
        ),
        today=today,
    )
    # Tegal's own RPJMD targets (illustrative numbers, labelled so): the dashboard measures its gap to them.
    citation = "RPJMD Kabupaten Tegal 2025–2029 (angka contoh demo)"
    for year, percent in ((2025, 31), (2026, 33), (2027, 36), (2028, 39), (2029, 42)):
        region_target_set(actor=None, region_code="33.28", data=TargetInput(year, Decimal(percent), citation))
    refreshed = coverage_refresh(actor=None, today=today)
    return {"denominators": loaded_d.rows, "participants": loaded_p.rows, "aggregates": refreshed["rows"]}
