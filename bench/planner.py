"""Planner and cohort speed (issue 10), on SQLite and PostgreSQL.

    .venv/bin/python bench/planner.py 1000000 [--cohort 500000] [--db sqlite|postgresql|both]

A fresh database with M synthetic Tegal workers (the import benchmark's preload), a programme for the
regency, then, each in its own process:
(p) plan: `plan_programme` over all M candidates (read, eligibility, priority, quotas, budget cut);
(r) raw floor: the cohort's N membership rows, as the cohort writes them, bulk-inserted into a table with
    only a primary key;
(c) cohort: `cohort_enrol` for a budget of exactly N workers (plan + insert through the double-funding
    guard + audit), and its insert alone.
(a) answer: BPJS's answer to the whole cohort (CSV, every row Y with a KPJ, one in 30 T) applied.
Goals: (p) < 5 s at 1,000,000 candidates; (c) <= 2.0 x (r) at 500,000 memberships; (a) < 30 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_workers import _django, _fresh_database, _peak_mb, _run

RAW = "bench_membership_raw"


def _programme(cohort: int):  # type: ignore[no-untyped-def]
    from datetime import date
    from decimal import Decimal

    from jaring.funding.models import Programme
    from jaring.funding.services import ProgrammeInput, programme_create

    existing = Programme.objects.filter(name="Bench").first()
    if existing:
        return existing
    # Rp16.800 × 12 a worker (APBD): a budget for exactly `cohort` workers.
    inp = ProgrammeInput(
        region_code="33.28", name="Bench", segment="bpu", start=date(2027, 1, 1), months=12,
        budget=Decimal(cohort * 16_800 * 12),
    )  # fmt: skip
    return programme_create(actor=None, inp=inp, today=date(2026, 12, 3))


def phase_plan(cohort: int) -> dict[str, float]:
    _django()
    from jaring.funding.planner import plan_programme

    programme = _programme(cohort)
    started = time.perf_counter()
    plan = plan_programme(programme)
    return {"seconds": round(time.perf_counter() - started, 2), "workers": plan.workers, "peak_mb": _peak_mb()}


def phase_raw(cohort: int) -> dict[str, float]:
    _django()
    from django.db import connection, transaction

    from jaring.enrolment.services import COLUMNS
    from jaring.funding.planner import plan_programme
    from jaring.registry.bulk import copy_rows

    programme = _programme(cohort)
    import polars as pl

    rows = plan_programme(programme).selected.select(
        "worker_id", programme_id=pl.lit(programme.pk), start=pl.lit("2027-01-01"), end=pl.lit("2027-12-31"),
        status=pl.lit("proposed"), kpj=pl.lit(""), reason=pl.lit(""), created_at=pl.lit("2026-12-03 00:00:00"),
        updated_at=pl.lit("2026-12-03 00:00:00"),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
        columns = ", ".join(f'"{c}" text' for c in COLUMNS if c != "worker_id")
        cursor.execute(f"CREATE TABLE {RAW} (id integer PRIMARY KEY, worker_id bigint, {columns})")
    started = time.perf_counter()
    with transaction.atomic():
        copy_rows(RAW, COLUMNS, rows)
    return {"seconds": round(time.perf_counter() - started, 2), "rows": rows.height, "peak_mb": _peak_mb()}


def phase_cohort(cohort: int) -> dict[str, float]:
    _django()
    from jaring.enrolment import services

    programme = _programme(cohort)
    timings: dict[str, float] = {}
    real_copy = services.copy_rows

    def timed_copy(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        real_copy(*args, **kwargs)
        timings["insert"] = round(time.perf_counter() - started, 2)

    services.copy_rows = timed_copy
    started = time.perf_counter()
    result = services.cohort_enrol(actor=None, programme=programme)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "insert_seconds": timings["insert"],
        "proposed": result.proposed,
        "peak_mb": _peak_mb(),
    }


def phase_answer(cohort: int) -> dict[str, float]:
    """BPJS's answer to the whole cohort (every row Y with a KPJ, one in 30 T), applied by answer_apply."""
    _django()
    import polars as pl
    from django.conf import settings
    from django.db import connection

    from jaring.enrolment.answer import answer_apply

    programme = _programme(cohort)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.nik, w.name FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
            "WHERE m.programme_id = %s",
            [programme.pk],
        )
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema={"NIK": pl.String, "Nama": pl.String}, orient="row").with_row_index("i")
    frame = frame.select(
        "NIK",
        "Nama",
        Status=pl.when(pl.col("i") % 30 == 7).then(pl.lit("T")).otherwise(pl.lit("Y")),
        Keterangan=pl.when(pl.col("i") % 30 == 7).then(pl.lit("NIK tidak ditemukan")).otherwise(pl.lit("")),
        KPJ=(pl.col("i") + 26_000_000_000).cast(pl.String),
    )
    path = Path(settings.VAR_DIR) / "bench-answer.csv"
    frame.write_csv(path, separator=";")
    started = time.perf_counter()
    result = answer_apply(actor=None, programme=programme, path=path)
    return {"seconds": round(time.perf_counter() - started, 2), **result.as_json(), "peak_mb": _peak_mb()}


PHASES = {"plan": phase_plan, "rawcohort": phase_raw, "cohort": phase_cohort, "answer": phase_answer}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--cohort", type=int, default=500_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--phase", choices=list(PHASES), help="internal: one phase")
    parser.add_argument("--arg", default="0")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](int(args.arg))))
        return
    import os
    import subprocess

    for kind in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        url = _fresh_database(kind)
        preload = _run("preload", str(args.workers), url)
        env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
        results: dict[str, object] = {"db": kind, "workers": preload["workers"], "preload_s": preload["seconds"]}
        for phase in ("plan", "rawcohort", "cohort", "answer"):
            done = subprocess.run(
                [sys.executable, __file__, "--phase", phase, "--arg", str(args.cohort)],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results))


if __name__ == "__main__":
    main()
