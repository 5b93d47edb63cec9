"""`jaring coverage load participants|denominators|published FILE`, `jaring coverage refresh` and
`jaring report coverage` (issue 12)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from jaring.cli.console import angka, out, print_json, refuse

app = typer.Typer(no_args_is_help=True)
load_app = typer.Typer(no_args_is_help=True)
app.add_typer(load_app, name="load", help="Memuat angka dari berkas CSV.")
report_app = typer.Typer(no_args_is_help=True)


def _load(kind: str, file: Path, as_json: bool) -> None:
    from jaring.coverage.loading import CoverageRefused, denominators_load, participants_load
    from jaring.coverage.published import published_load

    if not file.is_file():
        refuse("FILE.NOT_FOUND", f"Berkas {file} tidak ditemukan.", as_json=as_json, status=2)
    loaders = {"participants": participants_load, "denominators": denominators_load, "published": published_load}
    loader = loaders[kind]
    try:
        result = loader(actor=None, path=file)
    except CoverageRefused as exc:
        if as_json:
            print_json({"error": {"code": exc.code, "message_id": exc.message, "rows": exc.rows}})
            raise SystemExit(1) from exc
        for row in exc.rows:
            out.print(f"[red]•[/red] {row}")
        refuse(exc.code, exc.message)
    if as_json:
        print_json(result.as_json())
        return
    out.print(f"Dimuat {angka(result.rows)} baris ({angka(result.created)} baru, {angka(result.replaced)} mengganti).")
    flagged = getattr(result, "flagged", None)
    if flagged is not None:
        out.print(f"{angka(flagged)} angka yang diterbitkan tidak cocok dengan hitungannya sendiri.")


@load_app.command("participants", help="Peserta aktif BPJS per wilayah, segmen dan bulan.")
def participants(
    file: Path = typer.Argument(..., help="CSV: region_code,month,segment,participants,source"),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    _load("participants", file, as_json)


@load_app.command("denominators", help="Penyebut: tenaga kerja BPS dan potensi kepesertaan.")
def denominators(
    file: Path = typer.Argument(..., help="CSV: region_code,period,kind,value,source"),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    _load("denominators", file, as_json)


@load_app.command("published", help="Angka cakupan yang diterbitkan, dihitung ulang dari jumlahnya.")
def published(
    file: Path = typer.Argument(
        ..., help="CSV: region_code,region_name,period,segment,participants,potential,reported_coverage,note,source"
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    _load("published", file, as_json)


@app.command("refresh", help="Menghitung ulang agregat cakupan dari kepesertaan dan tagihan.")
def refresh(as_json: bool = typer.Option(False, "--json", help="Keluaran JSON.")) -> None:
    from jaring.coverage.refresh import refresh_run_here

    job = refresh_run_here(actor=None)
    if job.status != "done":
        refuse("COVERAGE.REFRESH", job.error or "Penghitungan ulang gagal.", as_json=as_json)
    if as_json:
        print_json(job.summary)
        return
    out.print(f"Agregat dihitung ulang: {angka(job.summary['rows'])} baris untuk {angka(job.summary['months'])} bulan.")


def _percent(value: object) -> str:
    if value is None:
        return "tidak tersedia"
    return f"{float(str(value)) * 100:.2f}%".replace(".", ",")


@report_app.command("coverage", help="Laporan cakupan satu wilayah dan bulan.")
def coverage(
    region: str = typer.Option(..., "--region", help="Kode wilayah Kemendagri."),
    month: str = typer.Option(..., "--month", help="Bulan, YYYY-MM."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Tulis laporan PDF ke sini."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Tulis data laporan (.xlsx) ke sini."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.coverage.report import CoverageReportRefused, coverage_report
    from jaring.coverage.shown import figure_row
    from jaring.regions.codes import InvalidRegionCode
    from jaring.regions.selectors import RegionNotFound, region_get

    if not re.fullmatch(r"\d{4}-\d{2}", month) or not 1 <= int(month[5:]) <= 12:
        refuse("MONTH.FORMAT", f"Bulan {month!r} tidak sesuai format YYYY-MM.", as_json=as_json, status=2)
    try:
        code = region_get(region).code
    except InvalidRegionCode as exc:
        refuse("REGION.CODE", str(exc), as_json=as_json, status=2)
    except RegionNotFound as exc:
        refuse("REGION.NOT_FOUND", exc.message, as_json=as_json)
    try:
        report = coverage_report(region_code=code, month=date(int(month[:4]), int(month[5:]), 1), pdf=pdf, xlsx=xlsx)
    except CoverageReportRefused as exc:
        refuse(exc.code, exc.message, as_json=as_json)
    if as_json:
        print_json(report.as_json())
        return
    table = Table(title=f"Cakupan {report.region_name} {month}")
    for column in ("Indikator", "Nilai", "Pembilang", "Penyebut", "Target"):
        table.add_column(column)
    for f in report.figures:
        value = figure_row(f, suppress=False).value  # a ratio, rupiah per unit or a count, as the pages show it
        below = f"{angka(f.denominator.value)} ({f.denominator.period})" if f.denominator else "—"
        table.add_row(f.indicator.name_id, value, angka(f.numerator) if f.numerator is not None else "—", below,
                      _percent(f.target) if f.target is not None else "—")  # fmt: skip
    out.print(table)
