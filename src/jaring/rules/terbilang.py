"""Numbers and dates in Indonesian words ("terbilang"), as official documents write them:
"Pada hari Kamis tanggal tiga bulan Desember tahun dua ribu dua puluh enam"."""

from __future__ import annotations

from datetime import date

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Largest first; "se-" replaces "satu" only before ribu (seribu, but satu juta): KBBI usage.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append("seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus")
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(f"{_UNITS[tens]} puluh")
        if unit:
            words.append(_UNITS[unit])
    elif rest >= 12:
        words.append(f"{_UNITS[rest - 10]} belas")
    elif rest == 11:
        words.append("sebelas")
    elif rest == 10:
        words.append("sepuluh")
    elif rest:
        words.append(_UNITS[rest])
    return words


def terbilang(n: int) -> str:
    """3321 -> "tiga ribu tiga ratus dua puluh satu"; up to 999 triliun."""
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n == 0:
        return _UNITS[0]
    if n >= 10**15:
        raise ValueError(f"{n} terlalu besar untuk ditulis dengan kata")
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count == 1 and scale == 1000:
            words.append("seribu")
        elif count:
            words.extend([*_below_thousand(count), name])
    words.extend(_below_thousand(n))
    return " ".join(words)


def date_long(day: date) -> str:
    """17 Agustus 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_in_words(day: date) -> str:
    """ "hari Kamis tanggal tiga bulan Desember tahun dua ribu dua puluh enam" (a Berita Acara opens with
    "Pada" before it)."""
    return (
        f"hari {DAYS[day.weekday()]} tanggal {terbilang(day.day)} bulan {MONTHS[day.month - 1]} "
        f"tahun {terbilang(day.year)}"
    )
