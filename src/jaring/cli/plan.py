"""`jaring plan budget`: how many workers a budget protects (issue 10, exact flags and JSON)."""

from __future__ import annotations

import typer
from rich.table import Table

from jaring.cli.console import out, print_json, refuse
from jaring.rules.errors import RuleInputError

app = typer.Typer(no_args_is_help=True)

FUNDER_ID = {
    "apbd": "APBD",
    "apbn": "APBN",
    "apbdes": "APBDes",
    "dbhcht": "DBHCHT",
    "csr": "CSR perusahaan",
    "donor": "donatur (SERTAKAN)",
    "baznas": "Baznas",
    "self": "mandiri",
}


def _rupiah(value: object) -> str:
    from decimal import Decimal

    from jaring.rules.money import format_rupiah

    return format_rupiah(Decimal(str(value)))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@app.command("budget", help="Berapa pekerja yang terlindungi oleh sebuah anggaran (paket BPU).")
def budget(
    amount: str = typer.Option(..., "--budget", help="Anggaran dalam rupiah, mis. 1919937600."),
    months: str = typer.Option(..., "--months", help="Jumlah bulan perlindungan."),
    package: str = typer.Option("bpu-basic", "--package", help="bpu-basic (JKK+JKM) atau bpu-jht (dengan JHT)."),
    income: str | None = typer.Option(None, "--income", help="Penghasilan yang dilaporkan (bawaan Rp1.000.000)."),
    on: str | None = typer.Option(None, "--on", help="Bulan pertama, YYYY-MM-DD (bawaan hari ini)."),
    funder: str = typer.Option("apbd", "--funder", help="apbd, apbdes, dbhcht, csr, donor, baznas, apbn, self."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from django.utils.timezone import localdate

    from jaring.rules.budget import PACKAGE_ID, plan_budget
    from jaring.rules.budget_parse import budget_fields

    fields = {"budget": amount, "months": months, "package": package, "income": income, "on": on, "funder": funder}
    try:
        kwargs = budget_fields(fields, today=localdate())
    except RuleInputError as exc:
        refuse(exc.code, exc.message_id, as_json=as_json, status=2, message_en=exc.message_en)
    try:
        plan = plan_budget(**kwargs)
    except RuleInputError as exc:
        refuse(exc.code, exc.message_id, as_json=as_json, status=1, message_en=exc.message_en)
    if as_json:
        print_json(plan.as_json())
        return
    out.print(f"Rencana anggaran: paket {PACKAGE_ID[plan.package]}, dibayar dari {FUNDER_ID[plan.funder]}")
    table = Table()
    table.add_column("Bulan")
    table.add_column("Iuran per pekerja", justify="right")
    for result, value in zip(plan.month_results, plan.per_worker_months, strict=True):
        table.add_row(result.title_id.rsplit(" ", 1)[-1], _rupiah(value))
    out.print(table)
    out.print(f"Anggaran: {_rupiah(plan.budget)}; penghasilan yang dilaporkan: {_rupiah(plan.income)}")
    out.print(f"[bold]Pekerja terlindungi: {_number(plan.workers)} selama {plan.months} bulan[/bold]")
    out.print(f"Biaya per bulan: {_rupiah(plan.monthly_cost)}; biaya seluruhnya: {_rupiah(plan.cost)}")
    out.print(f"Sisa anggaran: {_rupiah(plan.unspent)}")
    for warning in plan.warnings:
        out.print(f"[yellow]Peringatan:[/yellow] {warning.message_id} ({warning.code})")


@app.command("programme", help="Rencana sebuah program: siapa terlindungi dalam anggarannya, dan siapa tidak, mengapa.")
def programme(
    programme_id: int = typer.Argument(..., help="Nomor program."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.funding.models import Programme
    from jaring.funding.planner import REASONS, plan_programme

    found = Programme.objects.filter(pk=programme_id).first()
    if found is None:
        refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json=as_json)
    from jaring.enrolment.selectors import funded_worker_ids
    from jaring.enrolment.services import programme_period

    start, end = programme_period(found)
    # Coverage by other programmes narrows the plan; the programme's own cohort is the plan itself.
    covered = funded_worker_ids(region_code=found.region_id, start=start, end=end, other_than=found.pk)
    plan = plan_programme(found, covered=covered)
    if as_json:
        print_json(plan.as_json())
        return
    out.print(f"[bold]{found.name}[/bold] mulai {found.start:%d/%m/%Y}, {plan.months} bulan")
    out.print(f"Pekerja terlindungi: [bold]{_number(plan.workers)}[/bold]")
    out.print(f"Biaya per bulan: {_rupiah(plan.monthly_cost)}; biaya seluruhnya: {_rupiah(plan.cost)}")
    if plan.budget is not None:
        out.print(f"Anggaran: {_rupiah(plan.budget)}; sisa: {_rupiah(plan.unspent)}")
    counts = plan.left_out_counts()
    if counts:
        table = Table(title="Tidak terpilih")
        table.add_column("Alasan")
        table.add_column("Kode")
        table.add_column("Pekerja", justify="right")
        for code, count in counts.items():
            table.add_row(REASONS[code], code, _number(count))
        out.print(table)
    for warning in plan.warnings:
        out.print(f"[yellow]Peringatan:[/yellow] {warning.message_id} ({warning.code})")
