"""The Indonesian sentence for a code without the row's own values: for counts per rule, the rows shown on the
job page and the warnings stored with a worker (where a typed NIK must not end up in clear)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from .schema import rule_table

# A repeat of a NIK already met higher up in the same file: not a rule of the schema, the dedupe step's verdict.
DUPLICATE_IN_FILE = "NIK.DUPLICATE_IN_FILE"

# Counts and stored warnings are per rule, so the row's own value ("Tertulis: ...") belongs to the report.
_WRITTEN = re.compile(r'\s*\(?[Tt]ertulis:? "\{\w+\}"\)?\.?')
_QUOTED = re.compile(r'\s*\("?\{\w+\}"?\)|\s*"\{\w+\}"')
_PLACEHOLDER = re.compile(r"\{\w+\}")


def summary_text(message: str) -> str:
    text = _PLACEHOLDER.sub("…", _QUOTED.sub("", _WRITTEN.sub("", message))).strip()
    return text if text.endswith(".") else text + "."


@cache
def reasons() -> dict[str, str]:
    # The message templates do not depend on the reference date; any date gives the same words.
    found = {r["code"]: summary_text(r["message"]) for r in rule_table(date(2000, 1, 1))}
    found[DUPLICATE_IN_FILE] = "NIK sama dengan baris sebelumnya di berkas ini; baris pertama yang dipakai."
    return found


def reason_for(code: str) -> str:
    """An unknown code (a rule added later) still shows as itself rather than an empty cell."""
    return reasons().get(code, code)


# Both places are the kept row's number (``str.format`` here, ``pl.format`` in the report).
DUPLICATE_TEMPLATE = "NIK sama dengan baris {}: baris {} yang dipakai, baris ini dilewati."


def duplicate_reason(kept_row: int) -> str:
    return DUPLICATE_TEMPLATE.format(kept_row, kept_row)
