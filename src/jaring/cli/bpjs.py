"""`jaring bpjs export|answer`: the exchange with BPJS Ketenagakerjaan (issue 10, exact arguments)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jaring.cli.console import out, print_json, refuse

if TYPE_CHECKING:
    from jaring.funding.models import Programme

app = typer.Typer(no_args_is_help=True)


def _programme(programme_id: int, as_json: bool = False) -> Programme:
    from jaring.funding.models import Programme

    found = Programme.objects.filter(pk=programme_id).first()
    if found is None:
        refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json=as_json)
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
        refuse(exc.code, exc.message)
    out.print(f"Berkas pendaftaran ditulis: {result.path} ({result.rows:,} pekerja).".replace(",", "."))


@app.command("answer", help="Menerapkan jawaban BPJS (NIK, Nama, Status Y/T, Keterangan, KPJ) pada kohort program.")
def answer(
    programme_id: int = typer.Argument(..., help="Nomor program."),
    file: Path = typer.Argument(..., help="Berkas jawaban BPJS (.xlsx, .xls, .ods atau .csv)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from rich.table import Table

    from jaring.enrolment.answer import AnswerRefused, answer_apply

    programme = _programme(programme_id, as_json)
    if not file.is_file():
        refuse("FILE.MISSING", f"Berkas {file} tidak ada.", as_json=as_json)
    try:
        result = answer_apply(actor=None, programme=programme, path=file)
    except AnswerRefused as exc:
        refuse(exc.code, exc.message, as_json=as_json)
    if as_json:
        print_json(result.as_json())
    else:
        verdict = "diterapkan" if result.applied else "[red]DITOLAK seluruhnya: tidak ada yang diubah[/red]"
        out.print(f"Jawaban BPJS {verdict}. Baris: {result.rows:,}".replace(",", "."))
        for label, value in (("Diterima (aktif)", result.accepted), ("Ditolak BPJS", result.rejected),
                             ("NIK tidak dikenal", result.unknown), ("Tidak berubah", result.unchanged)):  # fmt: skip
            out.print(f"  {label}: {value:,}".replace(",", "."))
        if result.problems:
            table = Table(title="Baris bermasalah (50 pertama)")
            for column in ("Baris", "Kode", "Alasan"):
                table.add_column(column)
            for row, code, message in result.problems[:50]:
                table.add_row(str(row), code, message)
            out.print(table)
    if not result.applied:
        raise SystemExit(1)


@app.command("documents", help="Mencetak berita acara serah terima dan daftar nama musyawarah tiap desa (PDF).")
def documents(
    programme_id: int = typer.Argument(..., help="Nomor program."),
    out_dir: Path = typer.Option(..., "--out", help="Folder tujuan (dibuat bila belum ada)."),
) -> None:
    import os
    import time

    from jaring.enrolment.documents import handover_issue, village_counts, village_list_issue
    from jaring.regions.models import Region

    programme = _programme(programme_id)
    counts = village_counts(programme)
    if not counts:
        refuse("COHORT.EMPTY", "Belum ada kepesertaan yang diusulkan untuk program ini.")
    try:
        out_dir.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        refuse("FILE.FOLDER", f"Folder {out_dir} tidak dapat dibuat ({exc.strerror}).")
    villages = Region.objects.select_related("parent__parent").in_bulk([c["code"] for c in counts])
    started = time.monotonic()
    issued = [handover_issue(actor=None, programme=programme)]
    issued += [
        village_list_issue(actor=None, programme=programme, village=villages[c["code"]], full_nik=True) for c in counts
    ]
    for document in issued:
        path = out_dir / document.filename
        # The village lists carry full NIKs: readable by the owner only (UU PDP 27/2022).
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(document.content)
        out.print(f"  {path}")
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    summary = f"berita acara dan {len(counts)} daftar desa ({seconds} detik)"
    out.print(f"{len(issued)} dokumen ditulis ke {out_dir}: {summary}.")
