"""`jaring programme create`: a sponsored campaign from the command line (issue 10, exact flags)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import typer

from jaring.cli.console import out, print_json, refuse

app = typer.Typer(no_args_is_help=True)


def _rupiah(text: str) -> Decimal:
    """Whole rupiah, typed as 1919937600, 1.919.937.600 or 1_919_937_600."""
    cleaned = text.strip().replace("_", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if not cleaned.isdigit():
        raise ValueError(f"{text!r} bukan jumlah rupiah")
    return Decimal(cleaned)


@app.command("create", help="Membuat program perlindungan (kampanye bersponsor) di satu wilayah.")
def create(
    region: str = typer.Option(..., "--region", help="Kode wilayah provinsi atau kabupaten/kota, mis. 33.28."),
    name: str = typer.Option(..., "--name", help="Nama program."),
    segment: str = typer.Option(..., "--segment", help="bpu, pu atau adhoc."),
    package: str = typer.Option("bpu-basic", "--package", help="bpu-basic atau bpu-jht."),
    start: str = typer.Option(..., "--start", help="Tanggal mulai, YYYY-MM-DD."),
    months: int | None = typer.Option(None, "--months", help="Jumlah bulan."),
    days: int | None = typer.Option(None, "--days", help="Jumlah hari (badan ad hoc pemilu) alih-alih bulan."),
    wage: str | None = typer.Option(None, "--wage", help="Upah sebulan (segmen pu)."),
    sponsor: list[str] = typer.Option([], "--sponsor", help='"JENIS:NAMA:BAGIAN", mis. "dbhcht:DBHCHT Tegal:40".'),
    budget: str | None = typer.Option(None, "--budget", help="Anggaran dalam rupiah."),
    max_age: int = typer.Option(65, "--max-age", help="Usia paling tinggi pada tanggal mulai."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.funding.services import FundingRefused, ProgrammeInput, parse_sponsor, programme_create
    from jaring.regions.codes import normalize_region_code

    try:
        start_date = date.fromisoformat(start)
        amounts = [None if v is None else _rupiah(v) for v in (wage, budget)]
        code = normalize_region_code(region)
    except (ValueError, InvalidOperation) as exc:
        refuse("USAGE", f"Nilai tidak sah: {exc}. Tanggal YYYY-MM-DD, angka tanpa huruf.", as_json=as_json, status=2)
    try:
        inp = ProgrammeInput(
            region_code=code,
            name=name,
            segment=segment,
            package=package,
            start=start_date,
            months=months,
            days=days,
            wage=amounts[0],
            budget=amounts[1],
            max_age=max_age,
            sponsors=tuple(parse_sponsor(s) for s in sponsor),
        )
        programme = programme_create(actor=None, inp=inp)
    except FundingRefused as exc:
        refuse(exc.code, exc.message, as_json=as_json, status=1)
    if as_json:
        print_json({"id": programme.pk})
        return
    out.print(f"Program dibuat: [bold]{programme.name}[/bold] (nomor {programme.pk}).")


@app.command("rollover", help="Melanjutkan program ke tahun berikutnya: peserta tahun ini dahulu, lalu pengganti.")
def rollover(
    programme_id: int = typer.Argument(..., help="Nomor program tahun ini."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.enrolment.rollover import programme_rollover
    from jaring.enrolment.services import EnrolmentRefused
    from jaring.funding.models import Programme
    from jaring.funding.services import FundingRefused

    found = Programme.objects.filter(pk=programme_id).first()
    if found is None:
        refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json=as_json, status=1)
    try:
        result = programme_rollover(actor=None, programme=found)
    except (EnrolmentRefused, FundingRefused) as exc:
        refuse(exc.code, exc.message, as_json=as_json, status=1)
    if as_json:
        print_json(result.as_json())
        return
    out.print(f"Program baru: [bold]{result.programme.name}[/bold] (nomor {result.programme.pk}).")
    for label, value in (("Peserta berlanjut", result.continuing), ("Peserta baru (pengganti)", result.new),
                         ("Tidak berlanjut (usia, pindah, anggaran)", result.dropped)):  # fmt: skip
        out.print(f"  {label}: {value:,}".replace(",", "."))
