from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from jaring.cli.console import err, fail, out, print_json

app = typer.Typer(no_args_is_help=True)


@app.command("workers", help="Mengimpor daftar pekerja dari .xlsx, .xls, .ods atau .csv.")
def workers(
    file: Path = typer.Argument(..., help="Berkas .xlsx, .xls, .ods atau .csv."),
    region: str | None = typer.Option(None, "--region", help="Batasi seperti operator wilayah ini, mis. 33.28."),
    source: str | None = typer.Option(None, "--source", help="Sumber data (default: nama berkas)."),
    strict: bool = typer.Option(False, "--strict", help="Tidak menyimpan apa pun bila ada baris yang ditolak."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Periksa saja, jangan simpan."),
    report: Path | None = typer.Option(None, "--report", help="Tulis laporan baris yang ditolak (.xlsx) ke sini."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.imports.jobs import import_job_run_here
    from jaring.imports.services import report_folder_problem, source_problem
    from jaring.regions.codes import InvalidRegionCode
    from jaring.regions.selectors import RegionNotFound, region_get

    if not file.is_file():
        fail(f"Berkas {file} tidak ditemukan.", code=2)
    # Checked before any work: a missing report folder used to fail after the commit (issue 8, finding 11).
    if problem := report_folder_problem(report) or source_problem(source or ""):
        fail(problem, code=2)
    scope = None
    if region:
        try:
            scope = region_get(region).code
        except InvalidRegionCode as exc:
            fail(str(exc), code=2)
        except RegionNotFound as exc:
            fail(exc.message, code=2)
    report_path = report or file.with_name(f"{file.stem}-laporan-gagal.xlsx")
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Membaca berkas", total=None)

        def show(stage: str, done: int, total: int) -> None:
            from jaring.imports.progress import STAGES

            bar.update(task, description=str(STAGES.get(stage, stage)), completed=done, total=total or None)

        # A job row like an upload's: the import page of any process shows this run and its progress.
        job, summary = import_job_run_here(
            actor=None,
            path=file,
            scope=scope,
            source=source or file.name,
            strict=strict,
            dry_run=dry_run,
            report_to=report_path,
            observer=show,
        )
    if summary is None:
        fail(job.error, code=1)
        return
    if as_json:
        print_json(summary.as_json())
        return
    table = Table(title=f"Impor {file.name}" + ("" if summary.committed else " (tidak disimpan)"), show_header=False)
    for label, value in [
        ("Baris data", summary.rows),
        ("Baru", summary.created),
        ("Diperbarui", summary.updated),
        ("Tidak berubah", summary.unchanged),
        ("Ditolak", summary.rejected),
        ("Duplikat dalam berkas", summary.duplicates_in_file),
        ("Kemungkinan duplikat", summary.possible_duplicates),
        ("Baris dengan peringatan", summary.warnings),
        ("Baris penutup dilewati (tanda tangan, jumlah)", summary.skipped_footer_rows),
        ("Permintaan pindah diajukan", summary.move_requests),
        ("Tidak diperiksa duplikatnya (kelompok terlalu besar)", summary.duplicate_check_skipped),
        ("Detik", summary.seconds),
    ]:
        table.add_row(label, str(value))
    for code, count in summary.errors_by_rule.items():
        table.add_row(f"  {code}", str(count))
    if summary.report:
        table.add_row("Laporan", summary.report)
    out.print(table)
