"""Reconciliation speed (issue 11): a 1,000,000-row BPJS active list against a programme of 1,000,000
memberships, on SQLite and PostgreSQL. Goal: under 10 s.

    .venv/bin/python bench/reconcile.py 1000000 [--db sqlite|postgresql|both]

Preparation (not timed): a fresh database (`jaring setup`), N synthetic Tegal workers and N active
memberships of one BPU programme written by the bulk path, January 2026 billed by `billing_run` and paid in
full. The list: one row per member except one in a hundred (absent: paid here, not on the list), one in a
hundred marked non-active, one in a hundred paid only to December 2025 at BPJS (different), and one in a
hundred NIKs unknown here, active (active, not paid here).

Timed, in a process of its own: `reconciliation_run_here` on the CSV (read and check the list, read the
members and their paid-through, compare, write every finding, audit), as `jaring reconcile` runs it.
PostgreSQL uses this worktree's own database (BENCH_PG_URL, default h_recon), recreated first, and is
analyzed after the load.
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
from common import django_setup, fresh_database, peak_mb

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-reconcile"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/h_recon")
ON = "2026-02-10"  # paid here: paid through 31/01/2026


def phase_prepare(n: int) -> dict[str, object]:
    """Workers, memberships, January billed and paid, and the list file; returns the list's path."""
    django_setup()
    from datetime import UTC, date, datetime
    from decimal import Decimal

    import polars as pl
    from django.db import connection, transaction

    from jaring.billing.models import Bill
    from jaring.billing.payments import payment_record
    from jaring.billing.run import billing_run
    from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
    from jaring.regions.models import Region
    from jaring.registry.bulk import copy_rows

    started = time.perf_counter()
    villages = Region.objects.filter(level=4, code__startswith="33.28.").order_by("code")
    village = villages.values_list("code", flat=True)[0]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") + ("+00:00" if connection.vendor == "postgresql" else "")
    i = pl.int_range(0, n, eager=True)
    workers = pl.DataFrame({"i": i}).select(
        pl.format("332801{}", pl.col("i").cast(pl.String).str.pad_start(10, "0")).alias("nik"),
        pl.format("Pekerja {}", pl.col("i")).alias("name"),
        pl.format("pekerja {}", pl.col("i")).alias("search_name"),
        *(pl.lit("").alias(c) for c in ("name_key", "birth_place", "address", "occupation_text", "phone", "source")),
        pl.lit("F").alias("sex"),
        pl.lit(village).alias("village_id"),
        pl.lit(stamp).alias("created_at"),
        pl.lit(stamp).alias("updated_at"),
    )
    with transaction.atomic():
        copy_rows("registry_worker", workers.columns, workers)
    inp = ProgrammeInput(
        region_code="33.28", name="Bench rekonsiliasi", segment="bpu", start=date(2026, 1, 1), months=12,
        sponsors=(SponsorShare("apbd", "APBD Bench", Decimal(100)),),
    )  # fmt: skip
    programme = programme_create(actor=None, inp=inp, today=date(2025, 12, 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, nik FROM registry_worker WHERE nik LIKE %s ORDER BY id", ["332801%"])
        ids = pl.DataFrame(cursor.fetchall(), schema={"worker_id": pl.Int64, "nik": pl.String}, orient="row")
    members = ids.with_row_index("i").select(
        "worker_id",
        pl.lit(programme.pk).alias("programme_id"),
        pl.lit("2026-01-01").alias("start"),
        pl.lit("2026-12-31").alias("end"),
        pl.lit("active").alias("status"),
        pl.format("2{}", pl.col("i").cast(pl.String).str.pad_start(10, "0")).alias("kpj"),
        pl.lit("").alias("reason"),
        pl.lit(stamp).alias("created_at"),
        pl.lit(stamp).alias("updated_at"),
    )
    with transaction.atomic():
        copy_rows("enrolment_membership", members.columns, members)
    loaded = time.perf_counter()
    billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 1, 20))
    bill = Bill.objects.get()
    paid_on = date(2026, 1, 20)
    payment_record(actor=None, sponsor=bill.sponsor, amount=bill.total, paid_on=paid_on, today=paid_on)
    billed = time.perf_counter()
    k = pl.col("i") % 100
    listing = (
        ids.with_row_index("i")
        .filter(k != 2)  # absent from BPJS's list
        .select(
            pl.col("nik").alias("NIK"),
            pl.format("2{}", pl.col("i").cast(pl.String).str.pad_start(10, "0")).alias("KPJ"),
            pl.when(k == 0).then(pl.lit("Non Aktif")).otherwise(pl.lit("Aktif")).alias("Status"),
            pl.when(k == 1).then(pl.lit("12/2025")).otherwise(pl.lit("01/2026")).alias("Iuran Terakhir"),
        )
    )
    unknown = pl.DataFrame({"i": pl.int_range(0, n // 100, eager=True)}).select(
        pl.format("332899{}", pl.col("i").cast(pl.String).str.pad_start(10, "0")).alias("NIK"),
        pl.format("3{}", pl.col("i").cast(pl.String).str.pad_start(10, "0")).alias("KPJ"),
        pl.lit("Aktif").alias("Status"),
        pl.lit("01/2026").alias("Iuran Terakhir"),
    )
    path = WORK / "daftar-aktif.csv"
    pl.concat([listing, unknown]).write_csv(path, separator=";")
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a load this size; without it the planner sorts 2,000,000 bill lines on
        # estimates of a few thousand (measured: 37.7 s against 27.8 s for the same run).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "programme": programme.pk,
        "path": str(path),
        "load_s": round(loaded - started, 1),
        "bill_and_pay_s": round(billed - loaded, 1),
        "bill_lines": bill.lines.count(),
    }


def phase_reconcile(arg: str) -> dict[str, object]:
    django_setup()
    from datetime import date

    from jaring.billing.reconcile_jobs import reconciliation_run_here
    from jaring.funding.models import Programme

    programme_id, path = arg.split(":", 1)
    programme = Programme.objects.get(pk=int(programme_id))
    started = time.perf_counter()
    stages: dict[str, float] = {}

    def observe(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, round(time.perf_counter() - started, 2))

    run = reconciliation_run_here(programme=programme, path=Path(path), on=date.fromisoformat(ON), observer=observe)
    seconds = round(time.perf_counter() - started, 2)
    if run.status != "done":
        raise SystemExit(f"reconciliation failed: {run.error}")
    return {"seconds": seconds, "stage_starts": stages, **run.counts(), "peak_mb": peak_mb()}


def _phase(phase: str, arg: str, url: str) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--arg", arg], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--phase", choices=["prepare", "reconcile"], help="internal: one phase")
    parser.add_argument("--arg", default="", help="internal: the phase's argument")
    args = parser.parse_args()
    if args.phase == "prepare":
        print(json.dumps(phase_prepare(int(args.arg))))
        return
    if args.phase == "reconcile":
        print(json.dumps(phase_reconcile(args.arg)))
        return
    for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        url = fresh_database(kind, WORK / "bench.sqlite3", PG_URL)
        prepared = _phase("prepare", str(args.n), url)
        timed = _phase("reconcile", f"{prepared['programme']}:{prepared['path']}", url)
        print(json.dumps({"db": kind, "n": args.n, "prepare": prepared, "reconcile": timed}), flush=True)


if __name__ == "__main__":
    main()
