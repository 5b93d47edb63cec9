"""PMI iuran: the Permenaker 4/2023 JKK+JKM packages and the monthly amount beyond them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import ContributionInput
from jaring.rules.money import ZERO, format_rupiah
from jaring.rules.rates.pmi import PACKAGE_MONTHS
from jaring.rules.result import Line
from jaring.rules.table import add_months, month_start
from jaring.rules.trace import Trace

# Permenaker 4/2023 Pasal 18 gives one amount for JKK and JKM together, never a split.
PROGRAMME = "JKK+JKM"


def pmi_lines(inp: ContributionInput, programs: frozenset[str], trace: Trace) -> tuple[Line, ...]:
    if "jht" in programs:
        raise RuleInputError(
            "PROGRAM_NOT_SUPPORTED",
            "JHT PMI (Rp 50.000-600.000, pilihan peserta) belum dihitung oleh mesin aturan.",
            "PMI JHT (Rp 50,000-600,000, the participant's choice) is not calculated by the rules engine.",
        )
    if programs != {"jkk", "jkm"}:
        raise RuleInputError(
            "PROGRAM_NOT_AVAILABLE",
            "Iuran PMI adalah paket JKK dan JKM bersama.",
            "PMI iuran is one JKK and JKM package.",
        )
    month = month_start(inp.on)
    lines: list[Line] = []
    if inp.pmi_pre_placement:
        record = trace.use("PMI.PRE_PLACEMENT", month)
        lines.append(
            _flat(
                record.value,
                1,
                (record.code,),
                record.citation,
                "Iuran pelindungan sebelum bekerja",
                "Iuran for protection before work",
                month,
            )
        )
    months = inp.months
    if months is None or months == 0:
        if not inp.pmi_pre_placement:
            raise RuleInputError(
                "MISSING_MONTHS",
                "PMI memerlukan jangka waktu perjanjian kerja dalam bulan (--months 6, 12, 24 atau lebih).",
                "PMI needs the contract length in months (--months 6, 12, 24 or more).",
            )
        return tuple(lines)
    if months < PACKAGE_MONTHS[0] or months > 120:
        raise RuleInputError(
            "INVALID_MONTHS",
            f"Jangka waktu perjanjian PMI harus 6 sampai 120 bulan: {months}.",
            f"The PMI contract length must be 6 to 120 months: {months}.",
        )
    package = max(m for m in PACKAGE_MONTHS if m <= months)
    _warn_if_longer_is_cheaper(months, month, trace)
    record = trace.use(f"PMI.PACKAGE.{package}", month)
    lines.append(
        _flat(
            record.value,
            package,
            (record.code,),
            record.citation,
            f"Paket iuran selama dan setelah bekerja {package} bulan",
            f"{package}-month iuran package during and after work",
            month,
        )
    )
    extra = months - package
    if extra:
        # Pasal 18(3): Rp 13,500 for every month of contract beyond the package, paid at once.
        record = trace.use("PMI.EXTRA_MONTH", month)
        lines.append(
            _flat(
                record.value * extra,
                extra,
                (record.code,),
                record.citation,
                f"Kelebihan {extra} bulan di atas paket",
                f"{extra} months beyond the package",
                add_months(month, package),
                per_month=record.value,
            )
        )
    return tuple(lines)


def _during_and_after(months: int, on: date, trace: Trace) -> Decimal:
    package = max(m for m in PACKAGE_MONTHS if m <= months)
    extra = trace.book.get("PMI.EXTRA_MONTH", on).value * (months - package)
    return trace.book.get(f"PMI.PACKAGE.{package}", on).value + extra


def _warn_if_longer_is_cheaper(months: int, on: date, trace: Trace) -> None:
    """Pasal 18(3) adds Rp 13.500 a month beyond a package, so 23 months (12-month package + 11) cost
    more than the 24-month package: the placement agency should know before it signs."""
    cost = _during_and_after(months, on, trace)
    for longer in (m for m in PACKAGE_MONTHS if m > months):
        cheaper = _during_and_after(longer, on, trace)
        if cheaper < cost:
            trace.warn(
                "PMI.LONGER_IS_CHEAPER",
                f"Perjanjian {months} bulan membayar {format_rupiah(cost)}, lebih mahal daripada paket "
                f"{longer} bulan ({format_rupiah(cheaper)}): paket {longer} bulan melindungi lebih lama "
                "dengan biaya lebih rendah.",
                f"A {months}-month contract pays {format_rupiah(cost)}, more than the {longer}-month package "
                f"({format_rupiah(cheaper)}): the {longer}-month package covers longer for less.",
            )
            return


def _flat(
    amount: Decimal,
    months: int,
    codes: tuple[str, ...],
    citation: str,
    label_id: str,
    label_en: str,
    start: object,
    per_month: Decimal = ZERO,
) -> Line:
    from datetime import timedelta

    assert isinstance(start, date)
    return Line(
        programme=PROGRAMME,
        payer="participant",
        amount=amount,
        flat=per_month or amount,
        months=months if per_month else 1,
        rule_codes=codes,
        citation=citation,
        label_id=label_id,
        label_en=label_en,
        period_from=start,
        period_to=add_months(start, months) - timedelta(days=1),
    )
