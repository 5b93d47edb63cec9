"""Published rates as they were printed, and their difference from ours in percentage points."""

from decimal import Decimal

from django import template

from jaring.coverage.models_published import PublishedFigure
from jaring.coverage.shown import period_text

register = template.Library()


@register.filter
def terbit(figure: PublishedFigure) -> str:
    """The rate with the decimals it was printed with: 0.46 → '46%', 0.5994 → '59,94%'."""
    places = max(figure.reported_places - 2, 0)
    return f"{Decimal(figure.reported) * 100:.{places}f}%".replace(".", ",")


@register.filter
def poin(difference: Decimal | None) -> str:
    """0.0010 → '+0,10'; nothing recomputed → ''."""
    if difference is None:
        return ""
    return f"{Decimal(difference) * 100:+.2f}".replace(".", ",").replace("-", "−")


@register.filter
def periode(text: str) -> str:
    """'2025-09' → '09/2025' (Indonesian order); a year stays a year."""
    return period_text(text)
