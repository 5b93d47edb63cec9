"""One typed record (the worker form) checked by the import's own normalising and rules, on a one-row frame.

The form and the import must never disagree on what a valid worker is: the same expressions read the
NIK, name, dates ("17/08/1990"), rupiah ("Rp 1.500.000"), phone and decile, and the same rules with the
same codes and Indonesian messages judge them. Unlike ``validate``, every failing rule is reported (a form
shows each field's problem at once), and the rules that an import answers by blanking a value (phone,
decile) are errors here: the person typing can correct them now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from .headers import FIELD_NAMES, HeaderMap
from .normalise import normalise
from .reader import ROW, RawTable
from .schema import TEXT_TOO_LONG, _params, render, worker_rules

# Warnings an import keeps the row for but blanks the value of; a form asks for a correction instead.
_BLANKED = {"PHONE.INVALID", "DECILE.INVALID"}
# The form field a rule's code is about (by the code's first part); TEXT.TOO_LONG by the longest field.
_FIELD = {
    "NIK": "nik",
    "NAME": "name",
    "SEX": "sex",
    "BIRTH_DATE": "birth_date",
    "INCOME": "income",
    "PHONE": "phone",
    "DECILE": "decile",
    "VILLAGE": "village_code",
}
_TEXT_LIMITS = {"name": 150, "birth_place": 80, "address": 255, "occupation": 120, "source": 120}


@dataclass(frozen=True)
class RecordCheck:
    values: dict[str, Any]  # the normalised fields (nik, name, sex, birth_date, income, phone, decile, ...)
    # Form field -> the rules' Indonesian messages (the codes stay in the import's report, not on a form).
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the record is kept

    @property
    def ok(self) -> bool:
        return not self.errors


def record_check(raw_values: Mapping[str, str], *, reference_date: date) -> RecordCheck:
    """``raw_values``: the import's field names (``FIELD_NAMES``) to the text as typed."""
    names = tuple(FIELD_NAMES)
    frame = pl.DataFrame(
        {ROW: [1], **{name: [raw_values.get(name) or None] for name in names}},
        schema={ROW: pl.Int64, **dict.fromkeys(names, pl.String)},
    )
    mapping = HeaderMap(fields={n: i for i, n in enumerate(names)}, unknown=(), ignored=(), repeated=())
    table = RawTable(frame=frame, columns=names, mapping=mapping, header_row=0, sheet=None, blank_rows=0)
    normalised = normalise(table, reference_date=reference_date)
    errors: dict[str, list[str]] = {}
    warnings: list[str] = []
    for rule in worker_rules(reference_date):
        checked = normalised.select(
            rule.fails.fill_null(False).alias("fails"), render(rule.message, _params(rule.code))
        )
        fails, message = checked.row(0)
        if not fails:
            continue
        if rule.severity == "error" or rule.code in _BLANKED:
            text = message.replace(" dan dikosongkan.", ".")
            errors.setdefault(_field_of(rule.code, normalised), []).append(text)
        else:
            warnings.append(message)
    return RecordCheck(values=normalised.row(0, named=True), errors=errors, warnings=warnings)


def _field_of(code: str, normalised: pl.DataFrame) -> str:
    if code == TEXT_TOO_LONG:
        row = normalised.row(0, named=True)
        return next((f for f, n in _TEXT_LIMITS.items() if len(row.get(f) or "") > n), "name")
    return _FIELD.get(code.split(".")[0], "nik")
