"""Numbers and dates in Indonesian words, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.rules.terbilang import date_in_words, date_long, terbilang


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (31, "tiga puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2026, "dua ribu dua puluh enam"),
        (3321, "tiga ribu tiga ratus dua puluh satu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (1_000_000, "satu juta"),
        (1_500_000, "satu juta lima ratus ribu"),
        (12_698, "dua belas ribu enam ratus sembilan puluh delapan"),
        (
            1_919_937_600,
            "satu miliar sembilan ratus sembilan belas juta sembilan ratus tiga puluh tujuh ribu enam ratus",
        ),
        (2_000_000_000_000, "dua triliun"),
        (-5, "minus lima"),
    ],
)
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_too_large_is_refused():
    with pytest.raises(ValueError, match="terlalu besar"):
        terbilang(10**15)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 3), "hari Kamis tanggal tiga bulan Desember tahun dua ribu dua puluh enam"),
        (date(2026, 8, 17), "hari Senin tanggal tujuh belas bulan Agustus tahun dua ribu dua puluh enam"),
        (date(2027, 1, 31), "hari Minggu tanggal tiga puluh satu bulan Januari tahun dua ribu dua puluh tujuh"),
        (date(2027, 2, 12), "hari Jumat tanggal dua belas bulan Februari tahun dua ribu dua puluh tujuh"),
    ],
)
def test_date_in_words(day, words):
    assert date_in_words(day) == words


def test_date_long():
    assert date_long(date(2026, 8, 17)) == "17 Agustus 2026"
