from __future__ import annotations

import typer

from jaring.cli.console import out


def serve(
    host: str = typer.Option("127.0.0.1", help="Alamat yang didengarkan."),
    port: int = typer.Option(8000, help="Port."),
    threads: int = typer.Option(8, help="Jumlah thread pelayan."),
) -> None:
    from waitress import serve as waitress_serve

    from jaring.wsgi import application

    out.print(f"Jaring berjalan di http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="Jaring")
