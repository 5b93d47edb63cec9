from datetime import date
from decimal import Decimal

import pytest

from jaring.rules.coverage import category, monthly_increase_needed, ratio, target_on

D = Decimal


def test_ratio_half_up_and_missing_denominators():
    # Kabupaten Tegal, published 30.29%: a ratio from counts, four decimals half-up.
    assert ratio(30_290_500, 100_000_000) == D("0.3029")
    assert ratio(1, 8) == D("0.1250")
    assert ratio(2, 30_000) == D("0.0001")  # 0.0000667 rounds up
    assert ratio(10, None) is None
    assert ratio(10, 0) is None
    assert ratio(None, 10) is None


def test_national_trajectory():
    assert target_on(date(2024, 12, 1)) is None
    assert target_on(date(2025, 4, 1)) == (D("0.3215"), "RPJMN 2025–2029")
    assert target_on(date(2025, 12, 1)) == (D("0.3215"), "RPJMN 2025–2029")
    assert target_on(date(2026, 12, 1)) == (D("0.3499"), "RKP 2026")
    # June 2026: half-way from 32.15% to 34.99%.
    assert target_on(date(2026, 6, 1)) == (D("0.3357"), "interpolasi RPJMN 2025–2029 – RKP 2026")
    # 2027 and 2028 lie between RKP 2026 and RPJMN 2029's 43.92%: a third of the way by December 2027.
    assert target_on(date(2027, 12, 1)) == (
        D("0.3797"),
        "interpolasi RKP 2026 – RPJMN 2025–2029",
    )  # 0.3499 + 0.0893 / 3 = 0.37967
    assert target_on(date(2045, 12, 1)) == (D("0.995"), "RPJPN 2025–2045")
    assert target_on(date(2050, 1, 1)) == (D("0.995"), "RPJPN 2025–2045")


def test_an_interpolation_between_points_of_one_document_names_it_once():
    from jaring.rules.coverage import TargetPoint

    rpjmd = (TargetPoint(2025, D("0.30"), "RPJMD Tegal"), TargetPoint(2026, D("0.36"), "RPJMD Tegal"))
    assert target_on(date(2026, 6, 1), rpjmd) == (D("0.3300"), "interpolasi RPJMD Tegal")


@pytest.mark.parametrize(
    ("value", "code"),
    [(D("0"), "sangat-rendah"), (D("0.2499"), "sangat-rendah"), (D("0.25"), "rendah"), (D("0.3029"), "rendah"),
     (D("0.75"), "tinggi"), (None, None)],
)  # fmt: skip
def test_categories(value, code):
    found = category(value)
    assert (found.code if found else None) == code


def test_monthly_increase_needed():
    # From 30.29% to 34.99% in 12 months: 0.39 points a month.
    assert monthly_increase_needed(D("0.3029"), D("0.3499"), 12) == D("0.0039")
    assert monthly_increase_needed(D("0.40"), D("0.3499"), 12) is None
