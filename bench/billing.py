"""A month's bills for a million active memberships (issue 11), on SQLite and PostgreSQL.

    .venv/bin/python bench/billing.py 1000000 [--db sqlite|postgresql|both]

A fresh database with M synthetic Tegal workers (the import benchmark's preload), one BPU programme for the
regency funded by its APBD, and M active memberships (bulk-inserted, not timed). Then, each in its own
process:
(r) raw floor: read the M membership ids, build the month's 2 × M bill lines (JKK and JKM, as the run writes
    them) and bulk-insert them into a table with only a primary key;
(b) billing: `billing_run` for that month (template through the rules engine, lines by INSERT … SELECT,
    corrections, fines, totals, credit, lapse check, audit), and its line insert alone;
(s) second run of the same month: nothing changes.
Goal: (b) <= 2.0 × (r).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_workers import _django, _fresh_database, _peak_mb, _run

RAW = "bench_billline_raw"
MONTH = "2026-01-01"


def _programme():  # type: ignore[no-untyped-def]
    from datetime import date
    from decimal import Decimal

    from jaring.funding.models import Programme
    from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create

    existing = Programme.objects.filter(name="Bench").first()
    if existing:
        return existing
    inp = ProgrammeInput(
        region_code="33.28", name="Bench", segment="bpu", start=date(2026, 1, 1), months=12,
        sponsors=(SponsorShare("apbd", "APBD Bench", Decimal(100)),),
    )  # fmt: skip
    return programme_create(actor=None, inp=inp, today=date(2025, 12, 1))


def phase_members(_: int) -> dict[str, float]:
    _django()
    import polars as pl
    from django.db import connection, transaction

    from jaring.enrolment.services import COLUMNS
    from jaring.registry.bulk import copy_rows

    programme = _programme()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM registry_worker ORDER BY id")
        ids = [r[0] for r in cursor.fetchall()]
    rows = pl.DataFrame({"worker_id": ids}, schema={"worker_id": pl.Int64}).select(
        "worker_id", programme_id=pl.lit(programme.pk), start=pl.lit(MONTH), end=pl.lit("2026-12-31"),
        status=pl.lit("active"), kpj=pl.lit(""), reason=pl.lit(""), created_at=pl.lit("2025-12-20 00:00:00"),
        updated_at=pl.lit("2025-12-20 00:00:00"),
    )  # fmt: skip
    started = time.perf_counter()
    with transaction.atomic():
        copy_rows("enrolment_membership", COLUMNS, rows)
    return {"seconds": round(time.perf_counter() - started, 2), "members": rows.height}


def phase_raw(_: int) -> dict[str, float]:
    _django()
    import polars as pl
    from django.db import connection, transaction

    from jaring.registry.bulk import copy_rows

    columns = ("bill_id", "membership_id", "month", "benefit", "kind", "amount", "rule_code", "modifier")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
        cursor.execute(
            f"CREATE TABLE {RAW} (id integer PRIMARY KEY, bill_id bigint, membership_id bigint, month date, "
            "benefit varchar(3), kind varchar(1), amount numeric(14,0), rule_code varchar(40), modifier varchar(40))"
        )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM enrolment_membership WHERE status = 'active'")
        ids = pl.DataFrame(cursor.fetchall(), schema={"membership_id": pl.Int64}, orient="row")
    template = pl.DataFrame(
        {"benefit": ["JKK", "JKM"], "amount": [10_000, 6_800], "rule_code": ["BPU.JKK.RATE", "BPU.JKM.FLAT"]}
    )
    lines = ids.join(template, how="cross").select(
        bill_id=pl.lit(1, pl.Int64), membership_id="membership_id", month=pl.lit(MONTH), benefit="benefit",
        kind=pl.lit("i"), amount="amount", rule_code="rule_code", modifier=pl.lit(""),
    )  # fmt: skip
    with transaction.atomic():
        copy_rows(RAW, columns, lines)
    return {"seconds": round(time.perf_counter() - started, 2), "lines": lines.height, "peak_mb": _peak_mb()}


def phase_bill(_: int) -> dict[str, float]:
    _django()
    from datetime import date

    from jaring.billing import run

    timings: dict[str, float] = {}
    real_insert = run._insert_iuran

    def timed_insert(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        inserted = real_insert(*args, **kwargs)
        timings["insert"] = round(time.perf_counter() - started, 2)
        return inserted

    run._insert_iuran = timed_insert  # type: ignore[assignment]
    started = time.perf_counter()
    result = run.billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 1, 20))
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "insert_seconds": timings.get("insert", 0.0),
        **{k: v for k, v in result.as_json().items() if k != "warnings"},
        "peak_mb": _peak_mb(),
    }


def phase_again(_: int) -> dict[str, float]:
    _django()
    from datetime import date

    from jaring.billing.run import billing_run

    started = time.perf_counter()
    result = billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 1, 20))
    return {"seconds": round(time.perf_counter() - started, 2), "created": result.created, "lines": result.lines}


PHASES = {"members": phase_members, "raw": phase_raw, "bill": phase_bill, "again": phase_again}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--phase", choices=list(PHASES), help="internal: one phase")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](0)))
        return
    for kind in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        url = _fresh_database(kind)
        preload = _run("preload", str(args.workers), url)
        env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
        results: dict[str, object] = {"db": kind, "workers": preload["workers"]}
        for phase in ("members", "raw", "bill", "again"):
            done = subprocess.run(
                [sys.executable, __file__, "--phase", phase], env=env, capture_output=True, text=True, check=True
            )
            results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results))


if __name__ == "__main__":
    main()
