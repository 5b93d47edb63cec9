from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from jaring.coverage.models import DenominatorKind
from jaring.coverage.shown import percent, points

register = template.Library()


@register.filter
def persen(value: Decimal | None) -> str:
    return percent(value)


@register.filter
def poin_persen(value: Decimal | None) -> str:
    return points(value)


@register.filter
def indicator_name(indicator: Any) -> str:
    """The indicator's name in the page's language (each is defined once with both, rules/coverage.py)."""
    return str(indicator.name_en if (get_language() or "").startswith("en") else indicator.name_id)


@register.filter
def penyebut(kind: str | None) -> str:
    return str(DenominatorKind(kind).label) if kind in DenominatorKind.values else ""


@register.filter
def figure_row(board: Any, code: str) -> Any:
    """The dashboard's shown row of one indicator: ``board|figure_row:"LAPSE_RATE"``."""
    return board.row(code)
