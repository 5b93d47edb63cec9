"""Each dashboard table as rows for its xlsx (billing/table_xlsx.py writes them, formulas neutralised):
the same figures, withheld the same way, as the page shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jaring.billing.table_xlsx import Cell
from jaring.coverage.dashboard import Dashboard
from jaring.coverage.shown import WITHHELD, Shown


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[Sequence[Cell]]


def _pct(value: object) -> Decimal | None:
    """A ratio as the percent a "(%)" column holds, a number Excel can sum and sort."""
    return None if value is None else round(Decimal(str(value)) * 100, 2)


def _n(count: Shown) -> Cell:
    return WITHHELD if count.suppressed else count.value


def _rp(amount: Decimal | None) -> Cell:
    return "disembunyikan" if amount is None else amount


def regions(board: Dashboard) -> Table:
    header = ["Kode", "Wilayah", "Didanai Jaring", "Terhenti", "Ditagih", "Peserta BPJS", "Cakupan (%)"]
    if board.level == 3:
        header.append("1 desa 100 pekerja rentan")
    rows: list[Sequence[Cell]] = []
    for r in board.children:
        row: list[Cell] = [
            r.code, r.name, _n(r.sponsored), _n(r.lapsed), _n(r.billed), r.participants, _pct(r.ucj),
        ]  # fmt: skip
        if board.level == 3:
            row.append(r.campaign_text)
        rows.append(row)
    return Table("Cakupan per wilayah", header, rows)


def indicators(board: Dashboard) -> Table:
    header = ["Kode", "Indikator", "Nilai", "Pembilang", "Penyebut", "Penyebut dan periode", "Sumber"]
    rows: list[Sequence[Cell]] = [
        [
            r.figure.indicator.code, r.figure.indicator.name_id, r.value, r.numerator, r.denominator, r.basis,
            r.figure.as_json()["source"],
        ]
        for r in board.rows
    ]  # fmt: skip
    return Table("Indikator cakupan", header, rows)


def occupations(board: Dashboard) -> Table:
    header = ["Pekerjaan", "Didanai Jaring", "Terhenti bulan ini", "Iuran ditagih (Rp)"]
    rows: list[Sequence[Cell]] = [
        [p.label, _n(p.sponsored), _n(p.lapsed), _rp(p.billed_amount)] for p in board.occupations
    ]
    return Table("Menurut pekerjaan", header, rows)


def sponsors(board: Dashboard) -> Table:
    header = ["Pemberi dana", "Didanai (dana bersama di tiap pemberi)", "Terhenti bulan ini", "Iuran ditagih (Rp)"]
    rows: list[Sequence[Cell]] = [
        [p.label, _n(p.sponsored), _n(p.lapsed), _rp(p.billed_amount)] for p in board.sponsors
    ]
    return Table("Menurut pemberi dana", header, rows)


def lapses(board: Dashboard) -> Table:
    header = ["Bulan", "Didanai", "Terhenti"]
    rows: list[Sequence[Cell]] = [[f"{m.month:%m/%Y}", _n(m.sponsored), _n(m.lapsed)] for m in board.lapses]
    return Table("Terhenti per bulan", header, rows)


# The file name of each table's download (Indonesian, as the URL shows it) and how it is built.
TABLES: dict[str, Callable[[Dashboard], Table]] = {
    "wilayah": regions,
    "indikator": indicators,
    "pekerjaan": occupations,
    "pemberi-dana": sponsors,
    "terhenti": lapses,
}
