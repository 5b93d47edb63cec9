from __future__ import annotations

import typer
from rich.table import Table

from jaring.cli.console import out

app = typer.Typer(no_args_is_help=True)


@app.command("load", help="Memuat wilayah demo Kabupaten Tegal beserta penggunanya (aman diulang).")
def load() -> None:
    from jaring.accounts.personas import DEMO_PASSWORD
    from jaring.accounts.roles import Role
    from jaring.demo.load import demo_imports, demo_users

    users = demo_users()
    table = Table(title=f"Pengguna demo (kata sandi: {DEMO_PASSWORD})")
    for column in ("Nama pengguna", "Nama", "Peran", "Wilayah", "Baru"):
        table.add_column(column)
    for item in users:
        p = item.persona
        table.add_row(p.username, p.full_name, str(Role(p.role).label), p.region_code, "ya" if item.created else "—")
    out.print(table)
    imports = Table(title="Daftar pekerja desa yang diimpor (berkas di var/demo/)")
    for column in ("Desa", "Baris", "Baru", "Tidak berubah", "Ditolak", "Kemungkinan duplikat"):
        imports.add_column(column)
    with out.status("Mengimpor daftar pekerja desa…"):
        for imported in demo_imports():
            counts = imported.summary
            keys = ("rows", "created", "unchanged", "rejected", "possible_duplicates")
            imports.add_row(imported.village, *(str(counts.get(k, "—")) for k in keys))
    out.print(imports)
    from jaring.demo.funding import demo_programmes

    programmes = Table(title="Program perlindungan demo (berkas BPJS di var/demo/bpjs/)")
    for column in ("Program", "Diusulkan", "Tertahan", "Diterima BPJS", "Ditolak BPJS"):
        programmes.add_column(column)
    with out.status("Membangun program, kohort dan jawaban BPJS…"):
        for made in demo_programmes():
            cohort, answer = made.summary["cohort"], made.summary["answer"]
            assert isinstance(cohort, dict)
            assert isinstance(answer, dict)
            blocked = sum(cohort["blocked"].values())
            figures = (cohort["proposed"], blocked, answer["accepted"], answer["rejected"])
            programmes.add_row(made.name, *(f"{n:,}".replace(",", ".") for n in figures))
    out.print(programmes)
    from jaring.demo.billing import demo_billing

    with out.status("Menagih dan mencatat pembayaran tahun berjalan…"):
        billed = demo_billing()
    if billed:
        out.print(
            f"Tagihan: {billed['runs']} bulan ditagih, {billed['payments']} pembayaran dicatat, "
            f"{billed['lapsed']} kepesertaan terhenti karena menunggak."
        )
        counts = billed.get("reconciliation") or {}
        if counts:
            out.print(
                f"Rekonsiliasi daftar aktif BPJS: {counts['matched']} cocok, {counts['paid_not_active']} dibayar "
                f"tetapi tidak aktif, {counts['active_not_paid']} aktif tetapi tidak dibayar di sini, "
                f"{counts['different']} berbeda masa iuran, besar iuran atau KPJ."
            )
    from jaring.demo.coverage import demo_coverage

    with out.status("Memuat angka BPJS, penyebut, dan menghitung agregat cakupan…"):
        covered = demo_coverage()
    out.print(
        f"Cakupan: {covered['participants']} angka peserta BPJS, {covered['denominators']} penyebut, "
        f"{covered['aggregates']} baris agregat (var/demo/cakupan/)."
    )
    from jaring.demo.published import demo_published

    published = demo_published()
    out.print(
        f"Angka cakupan yang diterbitkan: {published['published']} angka, {published['flagged']} tidak cocok "
        "dengan hitungannya sendiri."
    )
