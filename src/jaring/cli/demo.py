from __future__ import annotations

import typer
from rich.table import Table

from jaring.cli.console import out

app = typer.Typer(no_args_is_help=True)


@app.command("load", help="Memuat wilayah demo Kabupaten Tegal beserta penggunanya (aman diulang).")
def load() -> None:
    from jaring.accounts.personas import DEMO_PASSWORD
    from jaring.accounts.roles import Role
    from jaring.demo.load import demo_load

    users = demo_load()
    table = Table(title=f"Pengguna demo (kata sandi: {DEMO_PASSWORD})")
    for column in ("Nama pengguna", "Nama", "Peran", "Wilayah", "Baru"):
        table.add_column(column)
    for item in users:
        p = item.persona
        table.add_row(p.username, p.full_name, str(Role(p.role).label), p.region_code, "ya" if item.created else "—")
    out.print(table)
