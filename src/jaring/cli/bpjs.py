"""`jaring bpjs export|answer`: the exchange with BPJS Ketenagakerjaan (issue 10, exact arguments)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from jaring.cli.console import err, out, print_json

if TYPE_CHECKING:
    from jaring.funding.models import Programme

app = typer.Typer(no_args_is_help=True)


def _refuse(code: str, message: str, as_json: bool = False) -> NoReturn:
    if as_json:
        print_json({"error": {"code": code, "message_id": message}})
    err.print(f"[red]Galat:[/red] {message} ({code})")
    raise SystemExit(1)


def _programme(programme_id: int, as_json: bool = False) -> Programme:
    from jaring.funding.models import Programme

    found = Programme.objects.filter(pk=programme_id).first()
    if found is None:
        _refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json)
    return found


@app.command("export", help="Menulis berkas pendaftaran kolektif (xlsx) sebuah program untuk BPJS.")
def export(
    programme_id: int = typer.Argument(..., help="Nomor program."),
    out_path: Path = typer.Option(..., "--out", help="Berkas .xlsx yang ditulis."),
) -> None:
    from jaring.enrolment.exchange import ExchangeRefused, registration_export

    programme = _programme(programme_id)
    try:
        result = registration_export(actor=None, programme=programme, path=out_path)
    except ExchangeRefused as exc:
        _refuse(exc.code, exc.message)
    out.print(f"Berkas pendaftaran ditulis: {result.path} ({result.rows:,} pekerja).".replace(",", "."))
