"""`jaring reconcile --programme ID FILE`: BPJS's active participant list against what was paid (issue 11)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from jaring.cli.console import angka, err, out, print_json, refuse

LABELS = {
    "matched": "Dibayar di sini dan aktif di BPJS",
    "paid_not_active": "Dibayar di sini tetapi tidak aktif di BPJS",
    "active_not_paid": "Aktif di BPJS tetapi tidak dibayar di sini",
    "different": "Masa iuran atau KPJ berbeda",
}
SHOWN_PROBLEMS = 20


def reconcile(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="Daftar peserta aktif BPJS."),
    programme_id: int = typer.Option(..., "--programme", help="Nomor program."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.billing.models_reconcile import ReconciliationRun
    from jaring.billing.reconcile_jobs import reconciliation_run_here
    from jaring.funding.models import Programme
    from jaring.jobs.models import JobStatus

    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json=as_json)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Menyiapkan", total=None)

        def show(stage: str, done: int, total: int) -> None:
            label = str(ReconciliationRun.STAGES.get(stage, stage))
            bar.update(task, description=label, completed=done, total=total or None)

        try:
            run = reconciliation_run_here(programme=programme, path=file, observer=show)
        except ValueError as exc:  # a file of another kind
            refuse("FILE.FORMAT", str(exc), as_json=as_json)
    if run.status != JobStatus.DONE:
        for row, _, message in run.summary.get("problems", [])[:SHOWN_PROBLEMS]:
            err.print(f"  Baris {angka(row)}: {message}")
        code = run.summary.get("refused") or "RECONCILE.FAILED"
        refuse(code, run.error, as_json=as_json)
    counts = {key: int(value or 0) for key, value in run.counts().items()}
    if as_json:
        print_json(counts)
        return
    out.print(f"{programme.name}: {angka(counts['rows'])} baris daftar BPJS per {run.on:%d/%m/%Y}")
    for key, label in LABELS.items():
        out.print(f"{label}: [bold]{angka(counts[key])}[/bold]")
