"""A worker killed in the middle of an import: nothing half-written, the next worker reports it, a rerun works.

Real processes on a database of their own (a SQLite file, or a fresh PostgreSQL database on the test
server): `jaring setup`, a job enqueued as the web page does, a `jaring worker` killed with SIGKILL
while the import's transaction holds written rows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ENQUEUE = """
import sys
from jaring.cli import _django_setup
_django_setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from jaring.accounts.models import User
from jaring.accounts.services import user_create
from jaring.imports.jobs import import_job_start
user = User.objects.filter(username="op").first() or user_create(
    username="op", password="kata-sandi-panjang-2026", role="operator", region_code="33.28")
data = open(sys.argv[1], "rb").read()
job = import_job_start(actor=user, upload=SimpleUploadedFile("desa.csv", data), source="uji", strict=False,
                       dry_run=False)
print(job.pk)
"""

# The worker, with the registry write slowed down after its rows are written inside the transaction.
SLOW_WORKER = """
import sys, time
from pathlib import Path
from jaring.cli import _django_setup
_django_setup()
from jaring.imports import services
real = services.workers_bulk_upsert
marker = Path(sys.argv[1])
def slow(**kwargs):
    result = real(**kwargs)
    marker.write_text("written")
    time.sleep(120)
    return result
services.workers_bulk_upsert = slow
sys.argv = ["jaring", "worker", "--interval", "0.1"]
from jaring.cli import main
main()
"""


def _csv(path: Path, rows: int) -> None:
    lines = ["NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan"]
    for i in range(rows):
        day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 1960 + i % 40
        nik = f"332801{day:02d}{month:02d}{year % 100:02d}{i + 1:04d}"
        name = "Warga " + "".join(chr(97 + (i // 26**k) % 26) for k in range(3))
        lines.append(f"{nik};{name};L;{day:02d}/{month:02d}/{year};Prupuk Selatan;Margasari;Petani")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _python(code: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def _jaring(*args: str, env: dict[str, str]) -> None:
    _python("from jaring.cli import main; main()", *args, env=env)


def test_killed_worker_leaves_nothing_half_written_and_is_reported(tmp_path, own_database):
    url, query = own_database
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JARING_HOME": str(tmp_path),
        "JARING_ENV": "development",
    }
    _jaring("setup", env=env)
    rows = tmp_path / "desa.csv"
    _csv(rows, 300)
    _python(ENQUEUE, str(rows), env=env)
    marker = tmp_path / "written"
    worker = subprocess.Popen(
        [sys.executable, "-c", SLOW_WORKER, str(marker)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None, "the worker ended before writing"
            assert time.monotonic() < deadline, "the worker never reached the registry write"
            time.sleep(0.05)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    assert query("SELECT status FROM imports_importjob") == [("running",)]
    assert query("SELECT count(*) FROM registry_worker") == [(0,)]
    assert query("SELECT count(*) FROM registry_sourcebatch") == [(0,)]
    assert list((tmp_path / "var" / "imports").glob("*/unggahan.*")), "the upload waits for the sweep"

    _jaring("worker", "--once", env=env)
    status, error = query("SELECT status, error FROM imports_importjob")[0]
    assert status == "failed"
    assert "Proses pekerja latar berhenti" in str(error)
    assert not list((tmp_path / "var" / "imports").glob("*/unggahan.*")), "personal data removed"

    _python(ENQUEUE, str(rows), env=env)
    _jaring("worker", "--once", env=env)
    assert query("SELECT count(*) FROM registry_worker") == [(300,)]
    assert sorted(query("SELECT status FROM imports_importjob")) == [("done",), ("failed",)]
