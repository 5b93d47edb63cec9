"""The working state of one calculation: the records it used and the warnings it raised."""

from __future__ import annotations

from datetime import date

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig, option_text
from jaring.rules.money import format_number, format_rupiah
from jaring.rules.rates import BOOK
from jaring.rules.result import RuleWarning
from jaring.rules.table import RateBook, RateRecord
from jaring.rules.words import OPTION_ID, tanggal

_STATUS_ID = {"derived": "turunan (dihitung, tidak dipublikasikan)", "unconfirmed": "belum terkonfirmasi"}


class Trace:
    def __init__(self, config: RuleConfig = DEFAULT_CONFIG, book: RateBook = BOOK) -> None:
        self.config = config
        self.book = book
        self._used: dict[tuple[str, date], RateRecord] = {}
        self._warnings: dict[str, RuleWarning] = {}

    def use(self, code: str, on: date) -> RateRecord:
        record = self.book.get(code, on)
        self._used[(record.code, record.effective_from)] = record
        return record

    def find(self, code: str, on: date) -> RateRecord | None:
        record = self.book.find(code, on)
        if record is not None:
            self._used[(record.code, record.effective_from)] = record
        return record

    def note(self, record: RateRecord) -> RateRecord:
        self._used[(record.code, record.effective_from)] = record
        return record

    def warn(self, code: str, message_id: str, message_en: str, option: str | None = None) -> None:
        self._warnings.setdefault(code, RuleWarning(code, message_id, message_en, option))

    def configured(self, code: str, message_id: str, message_en: str) -> None:
        """A warning for a configurable rule, naming the option the configuration chose."""
        option = option_text(self.config, code)
        self.warn(
            code,
            f"{message_id} Aturan {code} dapat dikonfigurasi; pilihan yang dipakai: {option_words(option)}.",
            f"{message_en} Rule {code} is configurable; option used: {option}.",
            option,
        )

    def warnings(self) -> tuple[RuleWarning, ...]:
        """Raised warnings, then one per used record the reference does not confirm."""
        found = dict(self._warnings)
        for record in sorted(self._used.values(), key=lambda r: (r.code, r.effective_from)):
            if record.status == "confirmed":
                continue
            code = f"{record.code}.{record.status.upper()}"
            found.setdefault(
                code,
                RuleWarning(
                    code,
                    f"Angka {record.code} ({value_words(record)}, {record.citation}) berstatus "
                    f"{_STATUS_ID[record.status]}.",
                    f"Figure {record.code} ({value_words(record, 'en')}, {record.citation}) is {record.status}.",
                ),
            )
        return tuple(found.values())


def value_words(record: RateRecord, lang: str = "id") -> str:
    """``Rp 10.000.000``, ``0,01%``, ``3 bulan``: a record's value as a sentence writes it."""
    if record.unit == "Rp":
        return format_rupiah(record.value)
    number = format_number(record.value, lang)
    if record.unit == "%":
        return f"{number}%"
    if record.unit == "×":
        return f"{number} ×"
    if lang == "en":
        return f"{number} { {'bulan': 'months', 'tahun': 'years', 'hari': 'days'}[record.unit] }"
    return f"{number} {record.unit}"


def option_words(option: str) -> str:
    """An option of a configurable rule in Indonesian: a date as 01/02/2021, a code as its word."""
    try:
        return tanggal(date.fromisoformat(option))
    except ValueError:
        return OPTION_ID.get(option, option.replace(".", ","))
