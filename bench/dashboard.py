"""The leader's coverage dashboard and the aggregates' refresh at scale (issue 12), on SQLite and PostgreSQL.

    .venv/bin/python bench/dashboard.py [WORKERS] [--db sqlite|postgresql|both] [--reuse]

Preparation (not timed, each step in its own process): a fresh database (`jaring setup`), WORKERS synthetic
Tegal workers spread over its villages (the import benchmark's preload), one BPU programme of the regency
from December 2025 to December 2026 funded by its APBD, one membership per worker (half active, half
proposed, bulk-inserted), and the twelve months December 2025 to November 2026 billed by `billing_run`
(2 lines a month per active member: WORKERS × 12 lines). Each bill is marked settled when made, so that
nobody lapses; the preparation's runs skip the look-back for corrections (nothing changed since), which
only costs time. Then the demo's denominators and BPJS counts and a full `coverage_refresh`.

Timed, each in a process of its own:
(d) the regency dashboard (GET /cakupan/33.28/ through Django's test Client as the Tegal leader) and the
    leader's home page (GET /, which redirects to it; followed), N times each after a warm-up: p50, p95, max;
(m) December 2026 billed by `billing_run` (as is, with its look-back), then the refresh the RefreshJob
    runs after it.
Goals: dashboard p95 < 200 ms; refresh after a month's billing < 10 s.
PostgreSQL uses BENCH_PG_URL (default h_bench), recreated first, and analyzed after the load. With
--reuse, the preparation is skipped and the database of the last run is measured again (the refresh after
December's billing by marking December's bills not yet counted).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import django_setup, fresh_database, peak_mb

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-dashboard"
SQLITE_URL = f"sqlite:///{WORK / 'bench.sqlite3'}"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/h_bench")
START = "2025-12-01"
BILLED = 12  # months billed in the preparation, from START
TODAY = "2026-12-03"
REQUESTS = 50


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum does soon after such a load; plans depend on it.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def phase_members(_: int) -> dict[str, object]:
    django_setup()
    from datetime import date
    from decimal import Decimal

    import polars as pl
    from django.db import connection, transaction

    from jaring.enrolment.services import COLUMNS
    from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
    from jaring.registry.bulk import copy_rows

    inp = ProgrammeInput(
        region_code="33.28", name="Bench cakupan", segment="bpu", start=date.fromisoformat(START), months=13,
        sponsors=(SponsorShare("apbd", "APBD Bench", Decimal(100)),),
    )  # fmt: skip
    programme = programme_create(actor=None, inp=inp, today=date(2025, 11, 20))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM registry_worker ORDER BY id")
        ids = [r[0] for r in cursor.fetchall()]
    status = pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.lit("active")).otherwise(pl.lit("proposed"))
    rows = pl.DataFrame({"worker_id": ids}, schema={"worker_id": pl.Int64}).select(
        "worker_id", programme_id=pl.lit(programme.pk), start=pl.lit(START), end=pl.lit("2026-12-31"),
        status=status, kpj=pl.lit(""), reason=pl.lit(""), created_at=pl.lit("2025-11-20 00:00:00"),
        updated_at=pl.lit("2025-11-20 00:00:00"),
    )  # fmt: skip
    with transaction.atomic():
        copy_rows("enrolment_membership", COLUMNS, rows)
    _analyze()
    return {"memberships": rows.height, "active": (rows["status"] == "active").sum()}


def phase_bill(_: int) -> dict[str, object]:
    django_setup()
    from datetime import date

    from jaring.billing import run
    from jaring.billing.models import Bill, BillLine
    from jaring.rules.table import add_months

    # Nothing changes between the preparation's months: the look-back for corrections would find nothing.
    run._billed_before = lambda sponsor_ids, month: {}  # type: ignore[assignment]
    seconds = []
    for k in range(BILLED):
        month = add_months(date.fromisoformat(START), k)
        on = month.replace(day=20)
        started = time.perf_counter()
        run.billing_run(actor=None, month=month, today=on)
        seconds.append(round(time.perf_counter() - started, 1))
        Bill.objects.filter(month=month).update(settled_on=on, paid=models_total())
    _analyze()
    return {"run_seconds": seconds, "bills": Bill.objects.count(), "lines": BillLine.objects.count()}


def models_total():  # type: ignore[no-untyped-def]
    from django.db.models import F

    return F("total")


def phase_coverage(_: int) -> dict[str, object]:
    django_setup()
    from datetime import date

    from jaring.coverage.models import Aggregate, Breakdown
    from jaring.demo.coverage import demo_coverage

    started = time.perf_counter()
    loaded = demo_coverage(today=date.fromisoformat(TODAY))  # the loaders, then a full refresh
    _analyze()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        **loaded,
        "aggregates": Aggregate.objects.count(),
        "breakdowns": Breakdown.objects.count(),
    }


def _leader():  # type: ignore[no-untyped-def]
    from jaring.accounts.models import User
    from jaring.accounts.personas import DEMO_PASSWORD, PERSONAS
    from jaring.accounts.services import user_create

    existing = User.objects.filter(username="pimpinan.tegal").first()
    if existing is not None:
        return existing
    p = PERSONAS["pimpinan.tegal"]
    return user_create(
        username=p.username, password=DEMO_PASSWORD, role=p.role, region_code=p.region_code,
        full_name=p.full_name, organisation=p.organisation,
    )  # fmt: skip


def _timed(client, path: str, follow: bool) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from django.db import connection, reset_queries

    for _ in range(3):  # warm-up: templates compiled, caches and the database's pages filled
        assert client.get(path, follow=follow).status_code == 200
    times = []
    for _ in range(REQUESTS):
        reset_queries()
        started = time.perf_counter()
        response = client.get(path, follow=follow)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
        "max_ms": round(times[-1], 1),
        "queries": len(connection.queries),
    }


def phase_dashboard(_: int) -> dict[str, object]:
    django_setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = True  # counts the queries of the last request; nothing else reads it here
    client = Client()
    client.force_login(_leader())
    return {
        "regency": _timed(client, "/cakupan/33.28/", follow=False),
        "home": _timed(client, "/", follow=True),
    }


def phase_month(_: int) -> dict[str, object]:
    django_setup()
    from datetime import date

    from django.utils import timezone

    from jaring.billing.run import billing_run
    from jaring.coverage.models import RefreshJob
    from jaring.coverage.refresh import refresh_job_run

    today = date.fromisoformat(TODAY)
    started = time.perf_counter()
    billed = billing_run(actor=None, month=today.replace(day=1), today=today)
    bill_seconds = round(time.perf_counter() - started, 2)
    job = RefreshJob.objects.create(created_at=timezone.now())
    started = time.perf_counter()
    summary = refresh_job_run(job, lambda stage, done, total: None)
    return {
        "billing_seconds": bill_seconds,
        "lines": billed.lines,
        "refresh_seconds": round(time.perf_counter() - started, 2),
        "refresh": summary,
        "peak_mb": peak_mb(),
    }


def phase_again(_: int) -> dict[str, object]:
    """The refresh after the month's billing measured again on the same database (for a change of the refresh
    alone): the latest month's bills are marked not yet counted, as the billing run left them."""
    django_setup()
    from django.db.models import Max
    from django.utils import timezone

    from jaring.billing.models import Bill
    from jaring.coverage.models import RefreshJob
    from jaring.coverage.models_counted import CountedBill
    from jaring.coverage.refresh import refresh_job_run

    latest = Bill.objects.aggregate(m=Max("month"))["m"]
    CountedBill.objects.filter(bill_id__in=Bill.objects.filter(month=latest).values("pk")).delete()
    job = RefreshJob.objects.create(created_at=timezone.now())
    started = time.perf_counter()
    summary = refresh_job_run(job, lambda stage, done, total: None)
    return {"refresh_seconds": round(time.perf_counter() - started, 2), "refresh": summary, "peak_mb": peak_mb()}


PHASES = {
    "again": phase_again,
    "members": phase_members,
    "bill": phase_bill,
    "coverage": phase_coverage,
    "dashboard": phase_dashboard,
    "month": phase_month,
}


def _run(phase: str, url: str, workers: int = 0) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(workers)], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {phase} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--reuse", action="store_true", help="measure the last run's database again")
    parser.add_argument("--phase", choices=list(PHASES), help="internal: one phase")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.workers), default=str))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from import_workers import _run as import_phase

    for kind in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        results: dict[str, object] = {"db": kind}
        if args.reuse:
            url = SQLITE_URL if kind == "sqlite" else PG_URL
        else:
            started = time.perf_counter()
            url = fresh_database(kind, WORK / "bench.sqlite3", PG_URL)
            results["preload"] = import_phase("preload", str(args.workers), url)
            for phase in ("members", "bill", "coverage"):
                results[phase] = _run(phase, url)
                print(json.dumps({phase: results[phase]}), file=sys.stderr, flush=True)
            results["prepare_seconds"] = round(time.perf_counter() - started)
        results["load_at_start"] = _load()
        # Reused, the month is billed already: the refresh after it is measured again instead ("again").
        for phase in ("dashboard", "again") if args.reuse else ("dashboard", "month"):
            results[phase] = _run(phase, url)
        print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
