from __future__ import annotations

import typer
from django.utils import timezone
from rich.table import Table

from jaring.cli.console import out, print_json

app = typer.Typer(no_args_is_help=True)


@app.command("check", help="Memeriksa struktur NIK. Status keluar 0 bila sah, 1 bila tidak.")
def check(
    nik: str = typer.Argument(..., help="NIK 16 digit (spasi, titik, tanda hubung dan apostrof diabaikan)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.rules.nik import check_nik
    from jaring.web.nik_lookup import region_name_lookup

    result = check_nik(nik, reference_date=timezone.localdate(), region_lookup=region_name_lookup)
    if as_json:
        print_json(result.as_json())
    else:
        table = Table(show_header=False)
        table.add_row("Status", "[green]SAH[/green]" if result.valid else "[red]TIDAK SAH[/red]")
        for issue in result.errors:
            table.add_row("Galat", f"{issue.code}: {issue.message}")
        for issue in result.warnings:
            table.add_row("Peringatan", f"{issue.code}: {issue.message}")
        if result.birth_date:
            table.add_row("Tanggal lahir", result.birth_date.strftime("%d/%m/%Y"))
            table.add_row("Jenis kelamin", "Perempuan" if result.sex == "F" else "Laki-laki")
        for code, name in result.region_names.items():
            table.add_row("Wilayah", f"{name} ({code})")
        out.print(table)
    raise SystemExit(0 if result.valid else 1)
