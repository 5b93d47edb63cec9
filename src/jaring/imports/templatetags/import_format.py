"""The import page's words for a rejection code: NIK.LENGTH -> 'NIK harus terdiri dari 16 digit, …'."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from django import template

from jaring.imports.schema import rule_table

register = template.Library()

# The summary counts rows per rule, so the row's own value ("Tertulis: ...") belongs to the report, not here.
_WRITTEN = re.compile(r'\s*\(?[Tt]ertulis:? "\{\w+\}"\)?\.?')
_QUOTED = re.compile(r'\s*\("?\{\w+\}"?\)|\s*"\{\w+\}"')
_PLACEHOLDER = re.compile(r"\{\w+\}")


def summary_text(message: str) -> str:
    text = _PLACEHOLDER.sub("…", _QUOTED.sub("", _WRITTEN.sub("", message))).strip()
    return text if text.endswith(".") else text + "."


@cache
def _reasons() -> dict[str, str]:
    # The message templates do not depend on the reference date; any date gives the same words.
    return {r["code"]: summary_text(r["message"]) for r in rule_table(date(2000, 1, 1))}


@register.filter
def rule_reason(code: str) -> str:
    """An unknown code (a rule added later) still shows as itself rather than an empty cell."""
    return _reasons().get(code, code)
