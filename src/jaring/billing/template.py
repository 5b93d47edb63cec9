"""The iuran of one member of a programme for one month, split among its sponsors: the bill run's template.

Every member of a programme pays the same lines in a month (the programme fixes the segment, package,
declared income or wage), so the rules engine's vectorised form runs once per programme × month ×
funder, never per membership; the database then joins this small template to the memberships. Each
sponsor's part comes from its own funder's line (the PP 50/2025 discount is the CSR sponsor's, not the
Pemda's beside it) and the rupiah left by rounding goes to the sponsor of the largest share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from jaring.funding.models import RULES_FUNDER, Package, Programme, ProgrammeSegment
from jaring.funding.planner import programme_months
from jaring.rules.budget import PACKAGES
from jaring.rules.shares import split_line
from jaring.rules.table import add_months, month_end, month_start
from jaring.rules.vectorised import contribution_lines
from jaring.rules.vectorised_warnings import contribution_warnings

LINES = {
    "sponsor_id": pl.Int64,
    "programme_id": pl.Int64,
    "month": pl.Date,
    "month_last": pl.Date,
    "benefit": pl.String,
    "amount": pl.Int64,
    "rule_code": pl.String,
    "modifier": pl.String,
}
WARNINGS = {
    "sponsor_id": pl.Int64,
    "programme_id": pl.Int64,
    "month": pl.Date,
    "code": pl.String,
    "message_id": pl.String,
    "message_en": pl.String,
}


@dataclass(frozen=True)
class Payer:
    sponsor_id: int
    share: Decimal
    funder: str  # the rules engine's funder word


@dataclass(frozen=True)
class Terms:
    """What decides a programme's monthly lines."""

    programme_id: int
    segment: str  # the rules' segment: bpu or pu
    ad_hoc: bool
    programs: str
    income: int
    wage: int | None
    months: tuple[date, ...]  # its iuran months (first days)
    payers: tuple[Payer, ...]  # largest share first: the first takes the rounding rupiah


def programme_terms(programme: Programme) -> Terms:
    shares = sorted(programme.sponsors.select_related("sponsor"), key=lambda s: (-s.share, s.pk))
    first = month_start(programme.start)
    pu = programme.segment == ProgrammeSegment.PU
    return Terms(
        programme_id=programme.pk,
        segment="pu" if pu else "bpu",
        ad_hoc=programme.segment == ProgrammeSegment.ADHOC,
        programs=",".join(sorted(PACKAGES[programme.package or Package.BASIC] if not pu else {"jkk", "jkm"})),
        income=int(programme.income),
        wage=int(programme.wage) if programme.wage is not None else None,
        months=tuple(add_months(first, k) for k in range(programme_months(programme))),
        payers=tuple(Payer(s.sponsor_id, s.share, RULES_FUNDER[s.sponsor.kind]) for s in shares),
    )


def _inputs(terms: Iterable[Terms], wanted: dict[int, set[date]]) -> pl.DataFrame:
    rows = []
    for t in terms:
        for month in t.months:
            if month not in wanted.get(t.programme_id, set()):
                continue
            for funder in sorted({p.funder for p in t.payers}):
                rows.append(
                    {
                        "programme_id": t.programme_id,
                        "funder": funder,
                        "segment": t.segment,
                        "month": month,
                        "income": t.income if t.segment == "bpu" else None,
                        "wage": t.wage if t.segment == "pu" else None,
                        "programs": t.programs,
                        "ad_hoc_election": t.ad_hoc,
                        "non_asn": t.segment == "pu",
                    }
                )
    schema = {
        "programme_id": pl.Int64,
        "funder": pl.String,
        "segment": pl.String,
        "month": pl.Date,
        "income": pl.Int64,
        "wage": pl.Int64,
        "programs": pl.String,
        "ad_hoc_election": pl.Boolean,
        "non_asn": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema).with_row_index("row_id").with_columns(pl.col("row_id").cast(pl.Int64))


def line_template(terms: list[Terms], wanted: dict[int, set[date]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(lines, warnings) for each programme's ``wanted`` months: one line per sponsor × month × benefit."""
    inputs = _inputs(terms, wanted)
    if inputs.is_empty():
        return pl.DataFrame(schema=LINES), pl.DataFrame(schema=WARNINGS)
    keys = inputs.select("row_id", "programme_id", "funder", "month")
    lines = (
        contribution_lines(inputs.drop("programme_id"))
        .filter(pl.col("billed"))
        .group_by("row_id", "programme", maintain_order=True)
        .agg(pl.col("amount").sum(), pl.col("rule_code").first(), pl.col("modifier").drop_nulls().first())
        .join(keys, on="row_id")
    )
    by_key = {(r["programme_id"], r["month"], r["programme"], r["funder"]): r for r in lines.iter_rows(named=True)}
    out = []
    for t in terms:
        for month in t.months:
            for benefit in sorted({k[2] for k in by_key if k[0] == t.programme_id and k[1] == month}):
                found = [by_key.get((t.programme_id, month, benefit, p.funder)) for p in t.payers]
                amounts = [Decimal(f["amount"]) if f else Decimal(0) for f in found]
                split = split_line(amounts, [p.share for p in t.payers], 0)
                for payer, part, line in zip(t.payers, split.parts, found, strict=True):
                    if line is None or part == 0:
                        continue
                    out.append(
                        (
                            payer.sponsor_id,
                            t.programme_id,
                            month,
                            month_end(month),
                            benefit,
                            int(part),
                            line["rule_code"],
                            line["modifier"] or "",
                        )
                    )
    said = contribution_warnings(inputs.drop("programme_id")).join(keys, on="row_id")
    payers = pl.DataFrame(
        [(t.programme_id, p.sponsor_id, p.funder) for t in terms for p in t.payers],
        schema={"programme_id": pl.Int64, "sponsor_id": pl.Int64, "funder": pl.String},
        orient="row",
    )
    warnings = said.join(payers, on=["programme_id", "funder"]).select(list(WARNINGS)).unique(maintain_order=True)
    return pl.DataFrame(out, schema=LINES, orient="row"), warnings
