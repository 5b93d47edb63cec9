"""Money helpers: whole rupiah as ``Decimal``, and the rounding rules the regulations use."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def rupiah(value: int | str | Decimal) -> Decimal:
    """An exact Decimal from an int or a decimal string (never a float)."""
    return Decimal(value)


def round_rupiah(amount: Decimal) -> Decimal:
    # Iuran and benefit lines: half-up to the whole rupiah. No regulation read states the rounding
    # of a percentage line; half-up is what BPJS's published examples are consistent with.
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def truncate_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round down to a multiple of ``step`` (JP wage cap: PP 45/2015 Pasal 29, published caps truncate)."""
    return (amount / step).to_integral_value(rounding=ROUND_FLOOR) * step


def ceil_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round up to a multiple of ``step`` (JP benefit floor and ceiling are rounded up)."""
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def percent_of(basis: Decimal, percent: Decimal) -> Decimal:
    """Exact ``basis × percent / 100``; callers round once per line."""
    return basis * percent / HUNDRED


def format_rupiah(amount: Decimal) -> str:
    """``Rp 1.234.567`` in the Indonesian style (a space after Rp, dot thousands separator)."""
    sign = "-" if amount < 0 else ""
    # The default context holds 28 digits: quantizing Rp 1e28 or more would raise InvalidOperation.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, amount.adjusted() + 2)
        whole = amount.copy_abs().quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{sign}Rp {int(whole):,}".replace(",", ".")


def format_number(value: Decimal, lang: str = "id") -> str:
    """A rate or multiplier without trailing zeros; Indonesian uses a decimal comma."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def decimal_string(amount: Decimal) -> str:
    """The JSON form: a plain decimal string without exponent (``"89000"``)."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
