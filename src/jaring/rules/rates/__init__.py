"""Every rate table, one module per family; ``BOOK`` looks any record up by code and date."""

from __future__ import annotations

from jaring.rules.rates import benefits, bpu, jakon, jkp_jht, jp, pmi, pu, relief
from jaring.rules.table import Family, RateBook

FAMILIES: tuple[Family, ...] = (
    pu.FAMILY,
    jp.FAMILY,
    bpu.FAMILY,
    relief.FAMILY,
    jakon.FAMILY,
    pmi.FAMILY,
    benefits.FAMILY,
    jkp_jht.FAMILY,
)

BOOK = RateBook(record for family in FAMILIES for record in family.records)
