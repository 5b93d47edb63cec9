"""Indonesian number and NIK formatting for templates: Rp 1.500.000, 332801******0001."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from jaring.rules.nik import mask_nik

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "—"
    sign = "-" if int(value) < 0 else ""
    return f"{sign}Rp " + f"{abs(int(value)):,}".replace(",", ".")


@register.simple_tag
def month_options(chosen: date | str | None, count: int = 36) -> SafeString:
    """<option>s of the last ``count`` months named in the user's language ("Oktober 2024"), the chosen one
    selected: the browser's own month input speaks the browser's language, not the page's."""
    first = timezone.localdate().replace(day=1)
    months = []
    for k in range(count):
        year, month0 = divmod(first.year * 12 + first.month - 1 - k, 12)
        months.append(date(year, month0 + 1, 1))
    value = chosen.strftime("%Y-%m") if isinstance(chosen, date) else str(chosen or "")
    if value and value not in {m.strftime("%Y-%m") for m in months} and len(value) == 7:
        months.append(date(int(value[:4]), int(value[5:]), 1))
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (
                m.strftime("%Y-%m"),
                mark_safe(" selected") if m.strftime("%Y-%m") == value else "",
                dateformat.format(m, "F Y"),
            )
            for m in sorted(months, reverse=True)
        ),
    )


@register.filter
def angka(value: int | str | None) -> str:
    """3321 -> '3.321'; nothing yet (a queued job's summary, rendered as "") -> '—'."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


@register.filter
def masked_nik(value: str) -> str:
    return mask_nik(value or "")
