from __future__ import annotations

import typer
from rich.table import Table

from jaring.cli.console import angka, fail, out, print_json

app = typer.Typer(no_args_is_help=True)


@app.command("show", help="Menampilkan satu wilayah, induk-induknya dan jumlah wilayah di bawahnya.")
def show(
    code: str = typer.Argument(..., help="Kode Kemendagri, mis. 33.28 atau 3328."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.regions.codes import InvalidRegionCode
    from jaring.regions.selectors import (
        RegionNotFound,
        region_ancestors,
        region_children,
        region_descendants,
        region_get,
    )

    try:
        region = region_get(code)
    except InvalidRegionCode as exc:
        fail(str(exc), code=2)
        return
    except RegionNotFound as exc:
        fail(exc.message)
        return
    ancestors = region_ancestors(region)
    children = region_children(region).count()
    villages = region_descendants(region, level=4).count()
    data = {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "type": region.type,
        "parent_code": region.parent_id,
        "postal_code": region.postal_code or None,
        "ancestors": [{"code": a.code, "name": a.name, "type": a.type} for a in ancestors],
        "children_count": children,
        "villages_count": villages,
    }
    if as_json:
        print_json(data)
        return
    table = Table(show_header=False)
    table.add_row("Kode", region.code)
    table.add_row("Nama", region.label)
    table.add_row("Tingkat", region.get_level_display())
    table.add_row("Induk", " › ".join(a.label for a in ancestors) or "—")
    if region.postal_code:
        table.add_row("Kode pos", region.postal_code)
    table.add_row("Wilayah di bawahnya", angka(children))
    if region.level < 3:
        table.add_row("Desa/kelurahan di bawahnya", angka(villages))
    out.print(table)
