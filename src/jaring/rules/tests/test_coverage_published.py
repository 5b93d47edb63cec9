"""A published rate against its own counts: read as printed, recomputed half-up, flagged past its rounding."""

from decimal import Decimal

import pytest

from jaring.rules.coverage_published import PublishedRateUnreadable, published_compare, published_rate

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "places"),
    [
        ("0.5994", D("0.5994"), 4),
        ("0,5994", D("0.5994"), 4),
        ("59,94%", D("0.5994"), 4),
        ("59.94 %", D("0.5994"), 4),
        ("46%", D("0.46"), 2),
        ("0.46", D("0.46"), 2),
        ("1.0000", D("1"), 4),
        ("104,5%", D("1.045"), 3),
    ],
)
def test_a_rate_is_read_as_printed(text, value, places):
    read = published_rate(text)
    assert (read.value, read.places) == (value, places)


@pytest.mark.parametrize("text", ["", "tiga puluh", "-0.3", "30.29", "0.1234567", "1.2.3"])
def test_unreadable_rates_say_why(text):
    with pytest.raises(PublishedRateUnreadable, match="angka cakupan"):
        published_rate(text)


@pytest.mark.parametrize(
    ("participants", "denominator", "printed", "recomputed", "flagged"),
    [
        # Kota Tegal PU, September 2025: 33,035 / 55,201 = 0.598449… → 0.5984, printed 59.94%.
        (33_035, 55_201, "0.5994", D("0.5984"), True),
        # Kota Tegal BPU: 12,314 / 37,880 = 0.325079… → 0.3251, as printed.
        (12_314, 37_880, "0.3251", D("0.3251"), False),
        # Sumatera Selatan: 1.3 million / 3 million is 43.33%, printed 34%.
        (1_300_000, 3_000_000, "0.34", D("0.4333"), True),
        # Half a basis point is a mismatch, less is rounding.
        (5_005, 10_000, "0.5010", D("0.5005"), True),
        (5_006, 10_000, "0.5010", D("0.5006"), False),
        # A rate printed as "46%" is held to its own rounding: 46.30% rounds to it, 46.67% does not.
        (463, 1_000, "46%", D("0.4630"), False),
        (700_000, 1_500_000, "0.46", D("0.4667"), True),
    ],
)
def test_recomputed_from_counts(participants, denominator, printed, recomputed, flagged):
    compared = published_compare(participants, denominator, published_rate(printed))
    assert (compared.recomputed, compared.flagged) == (recomputed, flagged)
    assert compared.difference == published_rate(printed).value - recomputed


def test_without_counts_nothing_is_recomputed_nor_flagged():
    # Kabupaten Tegal, October 2024: only the rate was published.
    compared = published_compare(None, None, published_rate("0.3029"))
    assert (compared.recomputed, compared.difference, compared.flagged) == (None, None, False)
    assert published_compare(219_917, None, published_rate("0.4046")).recomputed is None
