"""Name normalisation for region lookups.

Kept apart from the models so the import pipeline can apply the same normalisation to a whole
column with Polars.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"[^a-z0-9' ]+")
_SPACES = re.compile(r"\s+")
# Abbreviations people type in spreadsheets, expanded before matching so that "Kab. Tegal" finds
# Kabupaten Tegal and never Kota Tegal.
_REGENCY_PREFIX = re.compile(r"^(kabupaten|kab)\s+(administrasi\s+|adm\s+)?")
_CITY_PREFIX = re.compile(r"^(kota)\s+(administrasi\s+|adm\s+)?")
_LOWER_PREFIX = re.compile(r"^(provinsi|prov|kecamatan|kec|distrik|kelurahan|kel|desa|ds|dusun)\s+")


def normalize_region_name(name: str) -> str:
    """'KAB.  Tegal' -> 'kabupaten tegal'; 'Kec. Margasari' -> 'margasari'; 'Kota Adm. Jakarta Pusat' ->
    'kota jakarta pusat'."""
    s = _NOISE.sub(" ", name.lower().replace(".", " "))
    s = _SPACES.sub(" ", s).strip()
    s = _REGENCY_PREFIX.sub("kabupaten ", s, count=1)
    s = _CITY_PREFIX.sub("kota ", s, count=1)
    s = _LOWER_PREFIX.sub("", s, count=1)
    return s


def has_regency_or_city_prefix(normalized: str) -> bool:
    return normalized.startswith(("kabupaten ", "kota "))
