"""Time the vectorised iuran form (lines, then warnings) on 1,000,000 PU and BPU rows.

Run `.venv/bin/python bench/rules_vectorised.py`.

Target: under 2 s on the 2-core development machine. Prints the rows, the lines produced and the time.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date

import polars as pl

from jaring.rules.vectorised import contribution_lines
from jaring.rules.vectorised_warnings import contribution_warnings

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RISKS = ["sangat-rendah", "rendah", "sedang", "tinggi", "sangat-tinggi"]
FUNDERS = ["self", "apbd", "apbn", "apbdes", "dbhcht", "csr", "donor", "baznas"]


def make_frame(rows: int, seed: int = 7) -> pl.DataFrame:
    rng = random.Random(seed)
    months = [date(year, month, 1) for year in range(2019, 2027) for month in range(1, 13)]
    pu = [rng.random() < 0.6 for _ in range(rows)]
    return pl.DataFrame(
        {
            "segment": ["pu" if p else "bpu" for p in pu],
            "month": [rng.choice(months) for _ in range(rows)],
            "wage": [rng.randrange(1_000_000, 25_000_000) if p else None for p in pu],
            "income": [None if p else rng.randrange(500_000, 25_000_000) for p in pu],
            "risk_class": [rng.choice(RISKS) if p else None for p in pu],
            "programs": ["" if p else rng.choice(["jkk,jkm", "jkk,jkm,jht"]) for p in pu],
            "padat_karya": [p and rng.random() < 0.1 for p in pu],
            "sector": [rng.choice(["transport", "other"]) for _ in range(rows)],
            "funder": [rng.choice(FUNDERS) for _ in range(rows)],
        }
    )


def main() -> None:
    frame = make_frame(ROWS)
    contribution_lines(frame.head(1000))  # warm up
    best = float("inf")
    lines = pl.DataFrame()
    for _ in range(3):
        start = time.perf_counter()
        lines = contribution_lines(frame)
        best = min(best, time.perf_counter() - start)
    total = lines.get_column("amount").sum()
    print(f"rows={ROWS:,} lines={lines.height:,} total=Rp{total:,} best_of_3={best:.2f}s target<2s")
    warned = float("inf")
    warnings = pl.DataFrame()
    for _ in range(3):
        start = time.perf_counter()
        warnings = contribution_warnings(frame)
        warned = min(warned, time.perf_counter() - start)
    print(f"warnings={warnings.height:,} best_of_3={warned:.2f}s (the scalar form once per distinct warning key)")


if __name__ == "__main__":
    main()
