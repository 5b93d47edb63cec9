"""Registry pages with a big registry (issue 8): list, name search, partial NIK, a village's far page.

    .venv/bin/python bench/registry_pages.py 1000000 [--db sqlite|postgresql] [--requests 7] [--reuse]

Builds a fresh database (SQLite under var/bench/, or this worktree's own PostgreSQL database named by
DATABASE_URL), runs `jaring setup`, creates the demo personas, preloads N synthetic Kabupaten Tegal
workers with the import benchmark's preload (bench/import_workers.py), then logs in as the personas
with Django's test Client and times each page: one warm-up request, then --requests measured ones.
Prints the median and p95 (nearest rank) per case in milliseconds. --reuse skips the rebuild and only
migrates (to measure new code on the same rows).
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

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"
SQLITE_URL = f"sqlite:///{WORK / 'pages.sqlite3'}"

# (case, persona, path): the operator's and the village operator's own views of the registry.
CASES = [
    ("daftar operator", "operator.tegal", "/pekerja/"),
    ("cari nama Siti", "operator.tegal", "/pekerja/?q=Siti"),
    ("cari nama jarang (Joesoef)", "operator.tegal", "/pekerja/?q=Joesoef"),
    ("cari NIK sebagian", "operator.tegal", "/pekerja/?q=3328015203"),
    ("cari NIK lengkap", "operator.tegal", "/pekerja/?q={nik}"),
    ("operator desa halaman 500", "desa.prupukselatan", "/pekerja/?page=500"),
    ("operator desa cari Siti", "desa.prupukselatan", "/pekerja/?q=Siti"),
    # Issue 9's filters: a village within its district, part of a source name (every row is "preload").
    ("operator desa dipilih", "operator.tegal", "/pekerja/?district=33.28.01&village=33.28.01.2001"),
    ("operator cari Siti di desa", "operator.tegal", "/pekerja/?q=Siti&district=33.28.01&village=33.28.01.2001"),
    ("sumber sebagian (PRELOAD)", "operator.tegal", "/pekerja/?source=PRELOAD"),
    ("sumber tak ada", "operator.tegal", "/pekerja/?source=tidak+ada"),
]


def _cli(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
    subprocess.run([sys.executable, "-c", "from jaring.cli import main; main()", *args], env=env, check=True)


def _rebuild(url: str, n: int) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{WORK / 'pages.sqlite3'}{suffix}").unlink(missing_ok=True)
    else:
        sql = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        subprocess.run(["psql", url, "-q", "-c", sql], check=True)
    _cli(url, "setup")
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "import_workers.py"), "--phase", "preload", "--arg", str(n)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"preload: {out.stdout.strip().splitlines()[-1]} ({time.perf_counter() - started:.1f} s)", flush=True)


def _measure(requests: int) -> list[dict[str, object]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from jaring.accounts.models import User
    from jaring.demo.load import demo_users
    from jaring.registry.models import Worker

    demo_users()
    nik = Worker.objects.filter(village_id="33.28.01.2001").values_list("nik", flat=True).first() or ""
    clients: dict[str, Client] = {}
    results = []
    for case, username, path in CASES:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        url = path.format(nik=nik)
        status = client.get(url).status_code  # warm-up: caches, templates, the session
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            status = response.status_code
        times.sort()
        p95 = times[max(0, -(-95 * len(times) // 100) - 1)]
        results.append(
            {
                "case": case,
                "status": status,
                "median_ms": round(statistics.median(times)),
                "p95_ms": round(p95),
                "max_ms": round(times[-1]),
            }
        )
        print(json.dumps({"db": connection.vendor, **results[-1]}), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep the preloaded rows; only migrate")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(args.requests)
        return
    WORK.mkdir(parents=True, exist_ok=True)
    # PostgreSQL: this worktree's own database only (DATABASE_URL); the schema is dropped and rebuilt.
    url = SQLITE_URL if args.db == "sqlite" else os.environ["DATABASE_URL"]
    if args.reuse:
        started = time.perf_counter()
        _cli(url, "setup")
        print(f"setup (migrate): {time.perf_counter() - started:.1f} s", flush=True)
    else:
        _rebuild(url, args.n)
    # Measured in a fresh process with DEBUG off (DEBUG keeps every query in memory).
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development", "DEBUG": "0"}
    cmd = [sys.executable, __file__, "--measure", "--requests", str(args.requests)]
    subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
