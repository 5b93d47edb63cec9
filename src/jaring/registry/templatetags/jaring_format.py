"""Indonesian number and NIK formatting for templates: Rp 1.500.000, 332801******0001."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jaring.rules.nik import mask_nik

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "—"
    return "Rp " + f"{int(value):,}".replace(",", ".")


@register.filter
def angka(value: int | str | None) -> str:
    """3321 -> '3.321'; nothing yet (a queued job's summary, rendered as "") -> '—'."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


@register.filter
def masked_nik(value: str) -> str:
    return mask_nik(value or "")
