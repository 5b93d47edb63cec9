"""`jaring serve`: waitress on a laptop, gunicorn with `--production` (ADR 0008); both with the job worker."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager

import typer

from jaring.cli.console import err, out
from jaring.cli.supervise import ChildSupervisor

# Gunicorn's own advice for CPU-bound apps, capped so a big host does not open dozens of database
# connections by default.
DEFAULT_WEB_WORKERS = min(2 * (os.cpu_count() or 1) + 1, 8)
WAITRESS_THREADS = 8
GUNICORN_THREADS = 4


def serve(
    host: str = typer.Option("127.0.0.1", help="Alamat yang didengarkan."),
    port: int = typer.Option(8000, help="Port."),
    production: bool = typer.Option(False, "--production", help="Gunicorn dengan beberapa proses (Linux)."),
    workers: int = typer.Option(DEFAULT_WEB_WORKERS, min=1, help="Jumlah proses web gunicorn (--production)."),
    threads: int | None = typer.Option(
        None, min=1, help=f"Thread per proses (bawaan: waitress {WAITRESS_THREADS}, gunicorn {GUNICORN_THREADS})."
    ),
    timeout: int = typer.Option(120, min=1, help="Batas detik satu permintaan gunicorn (--production)."),
    no_worker: bool = typer.Option(
        False, "--no-worker", help="Tanpa pekerja tugas (bila `jaring worker` dijalankan tersendiri)."
    ),
) -> None:
    with _sigterm_as_exit(), _job_worker(enabled=not no_worker):
        if production:
            code = _serve_gunicorn(host, port, workers, threads or GUNICORN_THREADS, timeout)
            if code:
                raise typer.Exit(code)
        else:
            _serve_waitress(host, port, threads or WAITRESS_THREADS)


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    # A service manager stops us with SIGTERM; as SystemExit it unwinds through the `with` blocks, so the
    # job worker and gunicorn are stopped too instead of being left running.
    def handler(signum: int, frame: object) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _job_worker(*, enabled: bool) -> AbstractContextManager[object]:
    if not enabled:
        return contextlib.nullcontext()
    return ChildSupervisor(report=lambda message: err.print(message))


def _serve_waitress(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from jaring.wsgi import application

    out.print(f"Jaring berjalan di http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="Jaring")


def gunicorn_command(host: str, port: int, workers: int, threads: int, timeout: int) -> list[str]:
    """Gunicorn in its own process (not embedded in this one): it forks its workers from a process that
    holds no threads of ours, and its reaping of children cannot steal the job worker's exit status.
    No --preload: Polars must not be imported before a fork. No access log: request paths can carry a NIK."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "jaring.wsgi:application",
        f"--bind={host}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        # gthread answers the heartbeat from its main thread, so a slow upload does not get a worker killed.
        f"--worker-class={'gthread' if threads > 1 else 'sync'}",
        f"--timeout={timeout}",
        "--graceful-timeout=30",
        # gunicorn 27's runtime control socket sits at one path per user: two instances would fight over it.
        "--no-control-socket",
        "--worker-tmp-dir=/dev/shm" if os.path.isdir("/dev/shm") else "--worker-tmp-dir=/tmp",  # noqa: S108
    ]


def _spawn_web(command: Sequence[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(list(command))  # noqa: S603 - our interpreter running gunicorn, no shell


def _serve_gunicorn(host: str, port: int, workers: int, threads: int, timeout: int) -> int:
    if importlib.util.find_spec("gunicorn") is None:
        err.print("gunicorn tidak terpasang (hanya untuk Linux/Unix); pakai `jaring serve` tanpa --production.")
        return 2
    from django.conf import settings

    if not getattr(settings, "PRODUCTION", False):
        err.print("Peringatan: JARING_ENV bukan production; cookie tidak aman dan HSTS tidak dikirim.")
    out.print(f"Jaring (gunicorn, {workers} proses × {threads} thread) di http://{host}:{port}/")
    process = _spawn_web(gunicorn_command(host, port, workers, threads, timeout))
    with _terminate_on_exit(process):
        code = process.wait()
    if code:
        err.print(f"gunicorn berhenti dengan kode {code}.")
    return code


@contextlib.contextmanager
def _terminate_on_exit(process: subprocess.Popen[bytes]) -> Iterator[None]:
    try:
        yield
    finally:
        if process.poll() is None:
            # SIGTERM is gunicorn's graceful stop: requests in flight finish within --graceful-timeout.
            process.terminate()
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
