from __future__ import annotations

import typer

from jaring.cli.console import out


def worker(
    once: bool = typer.Option(False, "--once", help="Jalankan semua tugas yang menunggu, lalu berhenti."),
    interval: float = typer.Option(1.0, "--interval", min=0.1, help="Detik menunggu bila antrean kosong."),
) -> None:
    from jaring.jobs.worker import worker_run

    if not once:
        out.print("Pekerja latar Jaring berjalan (Ctrl+C untuk berhenti).")
    worker_run(interval=interval, batch=once)
