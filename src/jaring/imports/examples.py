"""The first rejected, warned and dropped rows of an import, as the job page shows them.

Stored with the job (``ImportJob.examples``), so any process shows them later; the report file holds every
row. Cells are as typed, except the NIK: masked here as in every list (UU PDP 27/2022), and so is any reason
that would quote it.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from jaring.rules.nik import mask_nik

from .headers import match_header
from .reader import ROW
from .reasons import duplicate_reason, reason_for
from .schema import REASON, RULE, WARNINGS

SHOWN = 20
_QUOTE = re.compile(r'\s*\(?[Tt]ertulis:? "[^"]*"\)?\.?')
_DIGITS = re.compile(r"\d{6,}")


def _cells(frame: pl.DataFrame, columns: tuple[str, ...]) -> list[list[str]]:
    nik = {i for i, c in enumerate(columns) if match_header(c) == "nik"}
    text = frame.select([pl.col(c).cast(pl.String).fill_null("") for c in columns])
    return [
        [mask_nik(v.strip()) if i in nik and v.strip() else v for i, v in enumerate(row)] for row in text.iter_rows()
    ]


def _reason(code: str, written: str | None) -> str:
    """A NIK rule's message quotes the NIK as typed: that quote goes, the rest ("bukan 15 digit") stays. Should any
    run of digits as long as a NIK's regions remain, the rule's general sentence is shown instead."""
    if not written:
        return reason_for(code)
    if not code.startswith("NIK."):
        return written
    text = _QUOTE.sub("", written).strip()
    return reason_for(code) if _DIGITS.search(text) else text


def import_examples(
    *, columns: tuple[str, ...], rejected: pl.DataFrame, warned: pl.DataFrame, duplicates: pl.DataFrame
) -> dict[str, Any]:
    """JSON for ``ImportJob.examples``: ``columns`` (the file's headers) and up to ``SHOWN`` rows of each kind,
    each with its row number in the file, its cells and the reason in Indonesian."""
    shown_rejected, shown_warned, shown_dropped = rejected.head(SHOWN), warned.head(SHOWN), duplicates.head(SHOWN)
    return {
        "columns": list(columns),
        "rejected": [
            {"row": row, "cells": cells, "code": code, "reason": _reason(code, written)}
            for (row, code, written), cells in zip(
                shown_rejected.select(ROW, RULE, REASON).iter_rows(), _cells(shown_rejected, columns), strict=True
            )
        ],
        "warned": [
            {"row": row, "cells": cells, "codes": codes, "reasons": [reason_for(c) for c in codes]}
            for (row, codes), cells in zip(
                shown_warned.select(ROW, WARNINGS).iter_rows(), _cells(shown_warned, columns), strict=True
            )
        ],
        "duplicates": [
            {"row": row, "kept_row": kept, "cells": cells, "reason": duplicate_reason(kept)}
            for (row, kept), cells in zip(
                shown_dropped.select(ROW, "kept_row").iter_rows(), _cells(shown_dropped, columns), strict=True
            )
        ],
    }
