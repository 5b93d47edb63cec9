"""`jaring`: the command line for operators and cron. One sub-command group per app."""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="jaring",
    help="Jaring: jaminan sosial ketenagakerjaan untuk pekerja rentan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    from jaring.env import EnvError

    try:
        import django

        django.setup()
    except EnvError as exc:
        typer.echo(f"Galat konfigurasi: {exc}", err=True)
        raise SystemExit(2) from exc


def _register() -> None:
    from jaring.cli import (
        billing,
        bpjs,
        calc,
        coverage,
        demo,
        enrol,
        imports,
        nik,
        plan,
        programme,
        reconcile,
        regions,
        serve,
        setup,
        users,
        worker,
    )

    app.command("setup", help="Migrasi basis data dan memuat data rujukan (aman diulang).")(setup.setup)
    app.command("serve", help="Menjalankan aplikasi web.")(serve.serve)
    app.command("worker", help="Menjalankan tugas latar (impor dan tugas panjang lain).")(worker.worker)
    app.add_typer(regions.app, name="regions", help="Wilayah Kemendagri.")
    app.add_typer(nik.app, name="nik", help="Nomor Induk Kependudukan.")
    app.add_typer(demo.app, name="demo", help="Data demo Kabupaten Tegal.")
    app.add_typer(users.app, name="users", help="Pengguna dan token API.")
    app.add_typer(imports.app, name="import", help="Impor data dari berkas.")
    app.add_typer(calc.app, name="calc", help="Kalkulator iuran dan manfaat BPJS Ketenagakerjaan.")
    app.add_typer(plan.app, name="plan", help="Perencanaan anggaran perlindungan.")
    app.add_typer(programme.app, name="programme", help="Program perlindungan bersponsor.")
    app.add_typer(enrol.app, name="enrol", help="Kepesertaan: kohort dari rencana program.")
    app.add_typer(bpjs.app, name="bpjs", help="Pertukaran berkas dengan BPJS Ketenagakerjaan.")
    app.add_typer(billing.app, name="billing", help="Tagihan, pembayaran dan tunggakan iuran.")
    app.add_typer(coverage.app, name="coverage", help="Cakupan kepesertaan: angka BPJS, penyebut, agregat.")
    app.add_typer(coverage.report_app, name="report", help="Laporan.")
    app.command("reconcile", help="Mencocokkan daftar peserta aktif BPJS dengan pembayaran program.")(
        reconcile.reconcile
    )


def main() -> None:
    _django_setup()
    _register()
    from django.db import DatabaseError

    from jaring.accounts.setup_check import NOT_SET_UP, schema_missing

    try:
        app(args=sys.argv[1:], prog_name="jaring")
    except DatabaseError as exc:
        # Every command that reads the database fails this way before `jaring setup`: one line, not a
        # traceback naming a table.
        if not schema_missing(exc):
            raise
        typer.echo(NOT_SET_UP, err=True)
        raise SystemExit(1) from None
