from __future__ import annotations

import typer

from jaring.cli.console import fail, out

app = typer.Typer(no_args_is_help=True)


@app.command("create", help="Membuat pengguna yang terikat pada satu wilayah.")
def create(
    username: str,
    role: str = typer.Option(..., help="admin, operator, village_operator, bpjs_officer, sponsor, auditor, leader"),
    region: str = typer.Option(..., help="Kode wilayah, mis. 33.28."),
    full_name: str = typer.Option("", help="Nama lengkap."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    from django.core.exceptions import ValidationError

    from jaring.accounts.services import user_create
    from jaring.regions.codes import InvalidRegionCode
    from jaring.regions.selectors import RegionNotFound

    try:
        user = user_create(username=username, password=password, role=role, region_code=region, full_name=full_name)
    except (ValidationError, InvalidRegionCode, RegionNotFound) as exc:
        fail("; ".join(getattr(exc, "messages", [str(exc)])), code=2)
        return
    out.print(f"Pengguna {user.username} dibuat untuk wilayah {user.region_id}.")


@app.command("token", help="Menerbitkan token API untuk seorang pengguna (ditampilkan sekali).")
def token(username: str, name: str = typer.Option("cli", help="Nama token.")) -> None:
    from jaring.accounts.models import User
    from jaring.accounts.services import api_token_create

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"Pengguna {username!r} tidak ditemukan.")
        return
    issued = api_token_create(user=user, name=name)
    print(issued.plaintext)


@app.command("deactivate", help="Menonaktifkan pengguna (pengguna tidak pernah dihapus; jejak audit tetap utuh).")
def deactivate(username: str) -> None:
    from jaring.accounts.models import User
    from jaring.accounts.services import user_deactivate

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"Pengguna {username!r} tidak ditemukan.")
        return
    user_deactivate(user=user)
    out.print(f"Pengguna {user.username} dinonaktifkan; token API-nya dicabut.")
