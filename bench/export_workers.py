"""The worker list's export (issue 9) on a big registry: time and peak memory of one job.

    .venv/bin/python bench/export_workers.py [--db sqlite|postgresql]

Runs on the registry bench/registry_pages.py built (SQLite var/bench/pages.sqlite3, or DATABASE_URL),
as the Kabupaten Tegal operator with no filter: every worker of the regency, up to JARING_EXPORT_MAX_ROWS.
Prints rows, seconds per stage, the file size and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench' / 'pages.sqlite3'}"
    os.environ.setdefault("JARING_ENV", "development")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()
    from jaring.accounts.models import User
    from jaring.registry.export import export_files_remove, export_path, worker_export_run, worker_export_start
    from jaring.registry.models import WorkerExport
    from jaring.registry.selectors import WorkerFilter

    user = User.objects.get(username="operator.tegal")
    job = worker_export_start(actor=user, filters=WorkerFilter(), full_nik=False)
    job = WorkerExport.objects.select_related("user").get(pk=job.pk)
    stages: dict[str, float] = {}
    start = time.perf_counter()

    def report(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, time.perf_counter() - start)

    summary = worker_export_run(job, report)
    seconds = time.perf_counter() - start
    size = export_path(job).stat().st_size
    export_files_remove(job)
    result = {
        "db": args.db,
        "rows": summary["rows"],
        "seconds": round(seconds, 2),
        "write_started_at_s": round(stages.get("write", 0.0), 2),
        "file_mb": round(size / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
