"""Frozen inputs of the calculators, mirroring ``jaring calc``, and their validation."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from jaring.rules.errors import RuleInputError
from jaring.rules.money import format_number, format_rupiah
from jaring.rules.rates.pu import RISK_CLASSES
from jaring.rules.table import EPOCH
from jaring.rules.words import tanggal

SEGMENTS = ("pu", "bpu", "jakon", "pmi")
PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp")
SECTORS = ("transport", "other")
FUNDERS = ("self", "apbd", "apbn", "apbdes", "dbhcht", "csr", "donor", "baznas")
BENEFIT_KINDS = ("jkm", "jkk-death", "jkk-stmb", "jkk-disability", "jkp", "jp", "jht")
JHT_REASONS = ("full", "partial-retirement", "partial-housing")

# More than Rp 1 miliar a month is a typing error, not a wage; it also keeps the vectorised integer
# arithmetic far from overflow.
MAX_WAGE = Decimal(1_000_000_000)
# Less than Rp 10.000 a month is a typing error (a wage of 0 or 1 was answered with Rp 0 iuran): the
# lowest BPU basis is Rp 1.000.000 and every regional minimum wage is above Rp 2 juta. A contract
# value or an income below it is refused for the same reason.
MIN_AMOUNT = Decimal(10_000)
# Rp 100 triliun: larger than any single construction contract.
MAX_CONTRACT = Decimal(100_000_000_000_000)
# The rate tables end in the present; a date past 2100 is a typing error, and 9999-12-31 would
# overflow the month arithmetic (year 10000).
LATEST_DATE = date(2100, 12, 31)

_MONEY_FIELDS = (
    "wage",
    "income",
    "contract_value",
    "disability_percent",
    "function_loss_percent",
    "balance",
    "return_rate",
)


def _coerce_money(obj: object) -> None:
    """Ints and decimal strings become Decimal; floats are refused (money is never a float)."""
    for f in fields(obj):  # type: ignore[arg-type]
        if f.name not in _MONEY_FIELDS:
            continue
        value = getattr(obj, f.name)
        if value is None or isinstance(value, Decimal):
            continue
        if isinstance(value, (float, bool)):
            raise RuleInputError(
                "NOT_A_DECIMAL",
                f"{f.name} harus bilangan bulat atau desimal tepat, bukan float.",
                f"{f.name} must be an int or an exact decimal, not a float.",
            )
        try:
            object.__setattr__(obj, f.name, Decimal(str(value)))
        except InvalidOperation as exc:
            raise RuleInputError(
                "NOT_A_NUMBER", f"{f.name} bukan angka: {value!r}.", f"{f.name} is not a number: {value!r}."
            ) from exc


@dataclass(frozen=True, slots=True)
class ContributionInput:
    """One contribution question. ``on`` is any day of the (first) iuran month.

    ``months``: BPU pays 1, 3, 6 or 12 months ahead; PU and Jakon with known wages may ask for up to 12
    consecutive months; PMI: the contract length in months. ``wage_known`` (Jakon) switches from the
    contract-value tiers to the wage percentages. ``ad_hoc_election`` marks election ad hoc officers (BPU
    segment; their basis is a configurable rule). ``non_asn`` lets a PU calculation without a risk class
    use the configured class for government employers. ``pmi_pre_placement`` adds the before-work iuran.
    """

    segment: str
    on: date
    wage: Decimal | None = None
    income: Decimal | None = None
    risk_class: str | None = None
    contract_value: Decimal | None = None
    programs: frozenset[str] = field(default_factory=frozenset)
    months: int | None = None
    padat_karya: bool = False
    sector: str = "other"
    funder: str = "self"
    wage_known: bool = False
    ad_hoc_election: bool = False
    non_asn: bool = False
    pmi_pre_placement: bool = False

    def __post_init__(self) -> None:
        _coerce_money(self)
        object.__setattr__(self, "programs", frozenset(p.strip().lower() for p in self.programs))


@dataclass(frozen=True, slots=True)
class BenefitInput:
    """One benefit question. ``on`` is the date of the event (death, accident, dismissal, claim).

    ``wage``: the wage (PU) or declared income (BPU: its band basis is used). ``disability_percent``:
    the table % of a partial disability; ``function_loss_percent`` scales it for a functional loss.
    ``consecutive_months``: months paid in a row just before the dismissal (JKP). ``balance``: the
    JHT/JP balance before the ``contribution_months`` counted here; ``return_rate``: the yearly return
    (e.g. ``Decimal("0.05")``) credited monthly at rate/12; ``jht_reason``: full, partial-retirement or
    partial-housing.
    """

    kind: str
    on: date
    segment: str = "pu"
    wage: Decimal | None = None
    contribution_months: int | None = None
    children: int = 0
    months_off_work: int | None = None
    disability_percent: Decimal | None = None
    total_disability: bool = False
    function_loss_percent: Decimal | None = None
    consecutive_months: int | None = None
    balance: Decimal | None = None
    return_rate: Decimal | None = None
    jht_reason: str = "full"

    def __post_init__(self) -> None:
        _coerce_money(self)


def check_choice(code: str, name_id: str, value: str | None, allowed: tuple[str, ...] | dict[str, str]) -> None:
    if value is not None and value not in allowed:
        choices = ", ".join(allowed)
        raise RuleInputError(
            code,
            f"{name_id} tidak dikenal: {value!r}. Pilihan: {choices}.",
            f"Unknown {code.split('_', 1)[1].lower().replace('_', ' ')}: {value!r}. Choices: {choices}.",
        )


def check_date(on: date) -> None:
    if on < EPOCH:
        raise RuleInputError(
            "DATE_TOO_EARLY",
            f"Tanggal {tanggal(on)} sebelum 1 Juli 2015 (berlakunya PP 44/2015, 45/2015, 46/2015).",
            f"Date {on.isoformat()} is before 1 July 2015, when PP 44/2015, 45/2015 and 46/2015 took effect.",
        )
    if on > LATEST_DATE:
        raise RuleInputError(
            "DATE_TOO_LATE",
            f"Tanggal {tanggal(on)} terlalu jauh ke depan (paling lambat 31/12/2100).",
            f"Date {on.isoformat()} is too far ahead (31 December 2100 at the latest).",
        )


def check_amount(name: str, name_id: str, value: Decimal | None, maximum: Decimal = MAX_WAGE) -> None:
    if value is None:
        return
    if not value.is_finite() or value < 0:
        raise RuleInputError(
            "NEGATIVE_AMOUNT",
            f"{name_id} tidak boleh negatif: {value}.",
            f"{name} must not be negative: {value}.",
        )
    if value > maximum:
        raise RuleInputError(
            "AMOUNT_ABSURD",
            # The typed value is not echoed: 1e999999999 is finite, and formatting it would never end.
            f"{name_id} tidak masuk akal: lebih dari {format_rupiah(maximum)}.",
            f"{name} is absurd: more than {format_rupiah(maximum)}.",
        )


def check_minimum(name: str, name_id: str, value: Decimal | None) -> None:
    if value is not None and value < MIN_AMOUNT:
        raise RuleInputError(
            "AMOUNT_TOO_SMALL",
            f"{name_id} {format_rupiah(value)} terlalu kecil: paling sedikit {format_rupiah(MIN_AMOUNT)}. "
            "Periksa angka yang diketik.",
            f"{name} {format_rupiah(value)} is too small: at least {format_rupiah(MIN_AMOUNT)}. "
            "Check the number typed.",
        )


def check_count(name: str, name_id: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise RuleInputError(
            "INVALID_COUNT",
            f"{name_id} harus antara {low} dan {high}: {value}.",
            f"{name} must be between {low} and {high}: {value}.",
        )


def require(value: object, code: str, message_id: str, message_en: str) -> None:
    if value is None:
        raise RuleInputError(code, message_id, message_en)


def validate_contribution(inp: ContributionInput) -> None:
    check_choice("UNKNOWN_SEGMENT", "Segmen", inp.segment, SEGMENTS)
    check_date(inp.on)
    check_amount("wage", "Upah", inp.wage)
    check_amount("income", "Penghasilan", inp.income)
    check_amount("contract_value", "Nilai kontrak", inp.contract_value, MAX_CONTRACT)
    check_minimum("wage", "Upah", inp.wage)
    check_minimum("income", "Penghasilan", inp.income)
    check_minimum("contract_value", "Nilai kontrak", inp.contract_value)
    check_choice("UNKNOWN_RISK_CLASS", "Kelas risiko", inp.risk_class, RISK_CLASSES)
    check_choice("UNKNOWN_SECTOR", "Sektor", inp.sector, SECTORS)
    check_choice("UNKNOWN_FUNDER", "Sumber dana", inp.funder, FUNDERS)
    for program in sorted(inp.programs):
        check_choice("UNKNOWN_PROGRAM", "Program", program, PROGRAMS)


def validate_benefit(inp: BenefitInput) -> None:
    check_choice("UNKNOWN_BENEFIT", "Jenis manfaat", inp.kind, BENEFIT_KINDS)
    check_choice("UNKNOWN_SEGMENT", "Segmen", inp.segment, SEGMENTS)
    check_choice("UNKNOWN_JHT_REASON", "Alasan pencairan JHT", inp.jht_reason, JHT_REASONS)
    check_date(inp.on)
    check_amount("wage", "Upah", inp.wage)
    check_amount("balance", "Saldo", inp.balance, Decimal(100_000_000_000))
    check_minimum("wage", "Upah", inp.wage)
    check_count("contribution_months", "Masa iur (bulan)", inp.contribution_months, 0, 12 * 60)
    check_count("children", "Jumlah anak", inp.children, 0, 30)
    check_count("months_off_work", "Bulan tidak mampu bekerja", inp.months_off_work, 0, 12 * 40)
    check_count("consecutive_months", "Bulan iur berturut-turut", inp.consecutive_months, 0, 12 * 60)
    for name, name_id, value in (
        ("disability_percent", "Persentase cacat", inp.disability_percent),
        ("function_loss_percent", "Persentase kehilangan fungsi", inp.function_loss_percent),
    ):
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise RuleInputError(
                "INVALID_PERCENT", f"{name_id} harus 0-100: {value}.", f"{name} must be 0-100: {value}."
            )
    if inp.return_rate is not None and not Decimal("-0.5") <= inp.return_rate <= Decimal("0.5"):
        raise RuleInputError(
            "INVALID_RETURN_RATE",
            f"Hasil pengembangan per tahun harus antara -50% dan 50%: {format_number(inp.return_rate * 100)}%.",
            f"The yearly return rate must be between -50% and 50%: {format_number(inp.return_rate * 100, 'en')}%.",
        )
