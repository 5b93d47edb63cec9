"""How the coverage pages write periods and differences of rates."""

from decimal import Decimal

from jaring.coverage.shown import percent, period_text, points


def test_periods_read_day_first_like_every_other_date_on_the_page():
    assert period_text("2023-08") == "08/2023"
    assert period_text("2026-01 s.d. 2026-11") == "01/2026 s.d. 11/2026"
    assert period_text("2025") == "2025"


def test_a_difference_of_rates_is_in_points_not_percent():
    assert points(Decimal("0.0050")) == "0,50 poin"
    assert percent(Decimal("0.3233")) == "32,33%"
    assert points(None) == "tidak tersedia"
