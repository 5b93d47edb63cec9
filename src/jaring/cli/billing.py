"""`jaring billing run|pay|status`: the monthly money cycle from the command line (issue 11)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from jaring.cli.console import angka, err, out, print_json, refuse

app = typer.Typer(no_args_is_help=True)


def _month(text: str, as_json: bool) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(f"{text}-01")
    except ValueError:
        pass
    refuse("BILL.MONTH_FORMAT", f"Bulan {text!r} tidak sesuai format YYYY-MM.", as_json=as_json, status=2)


def _day(text: str, as_json: bool, what: str = "Tanggal") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        refuse("DATE.FORMAT", f"{what} {text!r} tidak sesuai format YYYY-MM-DD.", as_json=as_json, status=2)


def _sponsor(sponsor_id: int, as_json: bool):  # type: ignore[no-untyped-def]
    from jaring.funding.models import Sponsor

    found = Sponsor.objects.filter(pk=sponsor_id).first()
    if found is None:
        refuse("SPONSOR.NOT_FOUND", f"Sponsor nomor {sponsor_id} tidak ada.", as_json=as_json)
    return found


def _rp(value: Decimal) -> str:
    from jaring.rules.money import format_rupiah

    return format_rupiah(value)


@app.command("run", help="Membuat tagihan bulan itu untuk setiap sponsor (atau satu sponsor).")
def run(
    month: str = typer.Option(..., "--month", help="Bulan iuran, YYYY-MM."),
    sponsor_id: int | None = typer.Option(None, "--sponsor", help="Nomor sponsor (bawaan: semua)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.billing.run_jobs import billing_run_here
    from jaring.billing.stages import stage_label

    first = _month(month, as_json)
    sponsor = _sponsor(sponsor_id, as_json) if sponsor_id is not None else None
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Menyiapkan", total=None)

        def show(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage_label(stage), completed=done, total=total or None)

        job, result = billing_run_here(actor=None, month=first, sponsor=sponsor, observer=show)
    if result is None:
        refuse("BILL.REFUSED", job.error, as_json=as_json)
    if as_json:
        print_json(result.as_json())
        return
    made = f"{angka(result.created)} baru, {angka(result.unchanged)} sudah ada"
    out.print(
        f"Tagihan bulan {first:%m/%Y}: [bold]{angka(result.bills)}[/bold] ({made}), "
        f"{angka(result.lines)} baris, jumlah {_rp(result.total)}"
    )
    if result.adjustments:
        out.print(f"Baris koreksi: {angka(result.adjustments)}")
    if result.lapsed:
        out.print(f"Kepesertaan terhenti karena menunggak: {angka(result.lapsed)}")
    for warning in result.warnings:
        out.print(f"[yellow]Catatan:[/yellow] {warning['message_id']} ({warning['code']})")


@app.command("pay", help="Mencatat pembayaran sponsor; melunasi tagihan tertua lebih dahulu.")
def pay(
    sponsor_id: int = typer.Option(..., "--sponsor", help="Nomor sponsor."),
    amount: str = typer.Option(..., "--amount", help="Jumlah rupiah."),
    paid_on: str = typer.Option(..., "--date", help="Tanggal bayar, YYYY-MM-DD."),
    reference: str = typer.Option("", "--reference", help="Referensi (nomor bukti, SP2D)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.billing.payments import payment_record
    from jaring.billing.refusal import BillingRefused

    day = _day(paid_on, as_json, "Tanggal bayar")
    try:
        # "1.500.000" as an Excel user types it, or plain digits.
        value = Decimal(amount.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", amount) else amount)
    except InvalidOperation:
        refuse("PAYMENT.AMOUNT", f"Jumlah {amount!r} bukan angka rupiah.", as_json=as_json, status=2)
    sponsor = _sponsor(sponsor_id, as_json)
    try:
        result = payment_record(actor=None, sponsor=sponsor, amount=value, paid_on=day, reference=reference)
    except BillingRefused as exc:
        refuse(exc.code, exc.message, as_json=as_json)
    if as_json:
        print_json(result.as_json())
        return
    out.print(result.message)


@app.command("status", help="Keadaan kohort program: aktif, terhenti, dibayar sampai, tunggakan.")
def status(
    programme_id: int = typer.Option(..., "--programme", help="Nomor program."),
    on: str | None = typer.Option(None, "--on", help="Per tanggal, YYYY-MM-DD (bawaan: hari ini)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from django.utils import timezone

    from jaring.billing.status import programme_status
    from jaring.funding.models import Programme

    day = _day(on, as_json) if on else timezone.localdate()
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        refuse("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.", as_json=as_json)
    result = programme_status(programme, day)
    if as_json:
        print_json(result.as_json())
        return
    through = f"{result.paid_through:%d/%m/%Y}" if result.paid_through else "belum ada"
    out.print(f"{programme.name} per {day:%d/%m/%Y}")
    out.print(f"Aktif: {angka(result.active)}  Terhenti: {angka(result.lapsed)}")
    out.print(f"Dibayar sampai: {through}  Tunggakan: {_rp(result.arrears)}")
