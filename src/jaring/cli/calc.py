"""`jaring calc contribution|benefit`: the rules engine from the command line (issue 3, exact flags)."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from jaring.cli.console import err, out, print_json

app = typer.Typer(no_args_is_help=True)


def _rupiah(value: Any) -> str:
    from decimal import Decimal

    from jaring.rules.money import format_rupiah

    return format_rupiah(Decimal(value))


def _who(line: Any) -> str:
    from jaring.rules.words import COMPONENT_ID, PAYER_ID, word

    return word(PAYER_ID, line.payer) if line.payer else word(COMPONENT_ID, line.component)


def _show(result: Any, as_json: bool, kind: str) -> None:
    if as_json:
        print_json(result.as_json())
        return
    table = Table(title=result.title_id or None)
    for column in (
        "Program",
        "Dibayar oleh" if kind == "contribution" else "Komponen",
        "Perhitungan",
        "Jumlah",
        "Aturan",
    ):
        table.add_column(column)
    for line in result.lines:
        note = "" if line.billed else " (tidak ditagihkan)"
        if line.component == "scholarship_max":
            note = " (di luar total)"
        table.add_row(
            line.programme,
            _who(line) + note,
            line.label_id,
            _rupiah(line.amount),
            f"{', '.join(line.rule_codes)}\n{line.citation}",
        )
    out.print(table)
    out.print(f"[bold]Total: {_rupiah(result.total)}[/bold]")
    if kind == "benefit" and result.components.get("scholarship_max"):
        out.print(
            f"Beasiswa paling banyak {_rupiah(result.components['scholarship_max'])}: dibayar per tahun "
            "sesuai jenjang sekolah, tidak termasuk total."
        )
    for warning in result.warnings:
        out.print(f"[yellow]Peringatan {warning.code}:[/yellow] {warning.message_id}")


def _run(kind: str, fields: dict[str, object], as_json: bool) -> None:
    from jaring.rules.engine import RuleInputError, calculate_benefit, calculate_contribution
    from jaring.rules.parse import benefit_input, contribution_input

    try:
        if kind == "contribution":
            result = calculate_contribution(contribution_input(fields))
        else:
            result = calculate_benefit(benefit_input(fields))
    except RuleInputError as exc:
        if as_json:
            print_json({"error": exc.as_json()})
        err.print(f"[red]Galat {exc.code}:[/red] {exc.message_id}")
        raise SystemExit(2) from exc
    _show(result, as_json, kind)


@app.command("contribution", help="Menghitung iuran satu bulan (atau beberapa bulan untuk BPU/PMI).")
def contribution(
    segment: str = typer.Option(..., "--segment", help="pu, bpu, jakon atau pmi."),
    on: str = typer.Option(..., "--on", help="Tanggal mana pun dalam bulan iuran, YYYY-MM-DD."),
    wage: str | None = typer.Option(None, "--wage", help="Upah sebulan (PU)."),
    income: str | None = typer.Option(None, "--income", help="Penghasilan sebulan yang dilaporkan (BPU)."),
    risk: str | None = typer.Option(None, "--risk", help="sangat-rendah, rendah, sedang, tinggi, sangat-tinggi."),
    contract_value: str | None = typer.Option(None, "--contract-value", help="Nilai kontrak tanpa PPN (Jakon)."),
    programs: str | None = typer.Option(None, "--programs", help="Mis. jkk,jkm,jht,jp,jkp."),
    months: str | None = typer.Option(None, "--months", help="Bulan dibayar di muka (BPU 1/3/6/12; paket PMI)."),
    padat_karya: bool = typer.Option(False, "--padat-karya", help="Industri padat karya tertentu (PP 7/2025)."),
    sector: str = typer.Option("other", "--sector", help="transport atau other (PP 50/2025)."),
    funder: str = typer.Option("self", "--funder", help="self, apbd, apbn, apbdes, dbhcht, csr, donor, baznas."),
    non_asn: bool = typer.Option(False, "--non-asn", help="Pegawai non-ASN (PU, pemberi kerja pemerintah)."),
    ad_hoc_election: bool = typer.Option(
        False, "--ad-hoc-election", help="Petugas ad hoc pemilu (BPU; --income = honorarium sebulan)."
    ),
    pre_placement: bool = typer.Option(
        True, "--pre-placement/--no-pre-placement", help="PMI: sertakan iuran sebelum penempatan (bawaan: ya)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    _run(
        "contribution",
        {
            "segment": segment,
            "on": on,
            "wage": wage,
            "income": income,
            "risk": risk,
            "contract_value": contract_value,
            "programs": programs,
            "months": months,
            "padat_karya": padat_karya,
            "sector": sector,
            "funder": funder,
            "non_asn": non_asn,
            "ad_hoc_election": ad_hoc_election,
            "pre_placement": pre_placement,
        },
        as_json,
    )


@app.command("benefit", help="Menghitung manfaat: jkm, jkk-death, jkk-stmb, jkk-disability, jkp, jp, jht.")
def benefit(
    kind: str = typer.Argument(..., help="jkm, jkk-death, jkk-stmb, jkk-disability, jkp, jp atau jht."),
    on: str = typer.Option(..., "--on", help="Tanggal kejadian, YYYY-MM-DD."),
    segment: str = typer.Option("pu", "--segment", help="pu, bpu, jakon atau pmi."),
    wage: str | None = typer.Option(None, "--wage", help="Upah (PU) atau penghasilan yang dilaporkan (BPU)."),
    contribution_months: str | None = typer.Option(None, "--contribution-months", help="Lama iuran (bulan)."),
    children: str | None = typer.Option(None, "--children", help="Jumlah anak (beasiswa JKM/JKK)."),
    months_off_work: str | None = typer.Option(None, "--months-off-work", help="Bulan tidak mampu bekerja (STMB)."),
    disability_percent: str | None = typer.Option(None, "--disability-percent", help="Persentase tabel cacat."),
    total: bool = typer.Option(False, "--total", help="Cacat total tetap."),
    function_loss_percent: str | None = typer.Option(
        None, "--function-loss-percent", help="Persentase kehilangan fungsi (cacat fungsi)."
    ),
    consecutive_months: str | None = typer.Option(
        None, "--consecutive-months", help="Bulan iur berturut-turut sebelum PHK (JKP)."
    ),
    balance: str | None = typer.Option(None, "--balance", help="Saldo awal JHT/JP (rupiah)."),
    return_rate: str | None = typer.Option(
        None, "--return-rate", help="Hasil pengembangan per tahun dalam persen, mis. 5,5 (JHT/JP)."
    ),
    jht_reason: str = typer.Option(
        "full", "--jht-reason", help="full, partial-retirement (10%) atau partial-housing (30%)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    _run(
        "benefit",
        {
            "kind": kind,
            "on": on,
            "segment": segment,
            "wage": wage,
            "contribution_months": contribution_months,
            "children": children,
            "months_off_work": months_off_work,
            "disability_percent": disability_percent,
            "total": total,
            "function_loss_percent": function_loss_percent,
            "consecutive_months": consecutive_months,
            "balance": balance,
            "return_rate": return_rate,
            "jht_reason": jht_reason,
        },
        as_json,
    )


@app.command("late", help="Menghitung denda keterlambatan iuran PU (2% sebulan; 0,5% pada masa PP 49/2020).")
def late(
    due: str = typer.Option(..., "--due", help="Iuran terutang (rupiah)."),
    due_date: str = typer.Option(..., "--due-date", help="Batas bayar, YYYY-MM-DD."),
    paid_on: str = typer.Option(..., "--paid-on", help="Tanggal dibayar, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.rules.engine import RuleInputError, calculate_late_fine
    from jaring.rules.parse import late_fine_fields

    try:
        amount, deadline, paid = late_fine_fields({"due": due, "due_date": due_date, "paid_on": paid_on})
        result = calculate_late_fine(due=amount, due_date_given=deadline, paid_on=paid)
    except RuleInputError as exc:
        if as_json:
            print_json({"error": exc.as_json()})
        err.print(f"[red]Galat {exc.code}:[/red] {exc.message_id}")
        raise SystemExit(2) from exc
    if as_json:
        print_json(result.as_json())
        return
    for line in result.lines:
        out.print(f"{line.label_id} = {_rupiah(line.amount)}  ({', '.join(line.rule_codes)}; {line.citation})")
    if not result.lines:
        out.print("Dibayar tepat waktu: tidak ada denda.")
    out.print(f"[bold]Total denda: {_rupiah(result.total)}[/bold]")
    for warning in result.warnings:
        out.print(f"[yellow]Peringatan {warning.code}:[/yellow] {warning.message_id}")
