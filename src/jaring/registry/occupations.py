"""The seeded occupation catalogue (data/occupations.csv) and how import text maps to it.

The segment and risk class are what an occupation usually implies, not regulation: an operator can
correct a worker's occupation, and enrolment decides the segment.
"""

from __future__ import annotations

import csv
from importlib import resources

from django.db import transaction

from jaring.registry.models import Occupation


def catalogue_rows() -> list[dict[str, str]]:
    text = resources.files("jaring.registry").joinpath("data/occupations.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@transaction.atomic
def occupations_load() -> int:
    """Upserts the catalogue; returns how many entries it holds."""
    rows = catalogue_rows()
    Occupation.objects.bulk_create(
        [
            Occupation(
                code=r["code"],
                name=r["name"],
                segment=r["segment"],
                risk_class=r["risk_class"],
                aliases=sorted({a.strip().lower() for a in r["aliases"].split("|") if a.strip()}),
            )
            for r in rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "segment", "risk_class", "aliases"],
    )
    return len(rows)


def alias_table() -> dict[str, str]:
    """Lower-case spelling -> occupation code, for vectorised mapping of an import column."""
    table: dict[str, str] = {}
    for code, name, aliases in Occupation.objects.values_list("code", "name", "aliases"):
        table[str(name).lower()] = code
        for alias in aliases:
            table.setdefault(alias, code)
    return table
