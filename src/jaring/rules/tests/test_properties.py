"""Hypothesis properties of the contribution and benefit rules."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from jaring.rules.benefit import calculate_benefit
from jaring.rules.construction import jakon_tier_amount
from jaring.rules.contribution import calculate_contribution
from jaring.rules.inputs import FUNDERS, BenefitInput, ContributionInput
from jaring.rules.pension import jp_wage_cap
from jaring.rules.rates import BOOK
from jaring.rules.rates.pu import RISK_CLASSES
from jaring.rules.vectorised import contribution_lines
from jaring.rules.vectorised_warnings import contribution_warnings

MONTHS = st.dates(min_value=date(2015, 7, 1), max_value=date(2027, 12, 31))
RISKS = st.sampled_from(sorted(RISK_CLASSES))
WAGES = st.integers(min_value=10_000, max_value=60_000_000)
PU_PROGRAMS = st.frozensets(st.sampled_from(["jkk", "jkm", "jht", "jp", "jkp"]))
BPU_PROGRAMS = st.frozensets(st.sampled_from(["jkk", "jkm", "jht"]))
FAST = settings(max_examples=60, deadline=None)


def _pu(on: date, wage: int, risk: str, programs: frozenset[str], padat: bool) -> ContributionInput:
    if on < date(2021, 2, 1):
        programs = programs - {"jkp"}
    return ContributionInput(
        segment="pu", on=on, wage=Decimal(wage), risk_class=risk, programs=programs, padat_karya=padat
    )


def _bpu(on: date, income: int, programs: frozenset[str], sector: str, funder: str) -> ContributionInput:
    return ContributionInput(
        segment="bpu", on=on, income=Decimal(income), programs=programs, sector=sector, funder=funder
    )


@FAST
@given(MONTHS, WAGES, WAGES, RISKS, PU_PROGRAMS, st.booleans())
def test_pu_never_negative_and_monotone_in_wage(on, a, b, risk, programs, padat):
    low, high = sorted((a, b))
    small = calculate_contribution(_pu(on, low, risk, programs, padat))
    large = calculate_contribution(_pu(on, high, risk, programs, padat))
    assert all(line.amount >= 0 for line in small.lines + large.lines)
    assert small.total <= large.total
    for programme, amount in small.by_programme.items():
        assert amount <= large.by_programme[programme]


@FAST
@given(MONTHS, WAGES, WAGES, BPU_PROGRAMS, st.sampled_from(["transport", "other"]), st.sampled_from(FUNDERS))
def test_bpu_never_negative_and_monotone_in_income(on, a, b, programs, sector, funder):
    low, high = sorted((a, b))
    small = calculate_contribution(_bpu(on, low, programs, sector, funder))
    large = calculate_contribution(_bpu(on, high, programs, sector, funder))
    assert all(line.amount >= 0 for line in small.lines + large.lines)
    assert small.total <= large.total


@FAST
@given(
    MONTHS,
    st.integers(min_value=10_000, max_value=20_000_000_000),
    st.integers(min_value=10_000, max_value=20_000_000_000),
)
def test_jakon_never_negative_and_monotone_in_contract_value(on, a, b):
    low, high = sorted((a, b))
    small = calculate_contribution(ContributionInput(segment="jakon", on=on, contract_value=Decimal(low)))
    large = calculate_contribution(ContributionInput(segment="jakon", on=on, contract_value=Decimal(high)))
    assert all(line.amount >= 0 for line in small.lines + large.lines)
    assert small.total <= large.total
    for programme in ("JKK", "JKM"):
        assert small.by_programme.get(programme, 0) <= large.by_programme.get(programme, 0)


BOUNDARIES = sorted({r.upper for r in BOOK.records() if r.code.startswith("JAKON.") and r.upper is not None})


@FAST
@given(
    st.sampled_from(BOUNDARIES),
    st.sampled_from(["JKK", "JKM"]),
    st.decimals(min_value="0.01", max_value="1000000", places=2),
)
def test_jakon_tiers_continuous_at_every_boundary(boundary, programme, delta):
    on = date(2025, 6, 1)
    at = jakon_tier_amount(boundary, programme, on)
    below = jakon_tier_amount(boundary - delta, programme, on)
    above = jakon_tier_amount(boundary + delta, programme, on)
    rate_below = next(r.value for r in BOOK.prefix(f"JAKON.{programme}.TIER_", on) if r.upper == boundary)
    rate_above = next(r.value for r in BOOK.prefix(f"JAKON.{programme}.TIER_", on) if r.lower == boundary)
    # Exact marginal arithmetic: no jump at the boundary, only the slope changes.
    assert at - below == delta * rate_below / 100
    assert above - at == delta * rate_above / 100


@FAST
@given(MONTHS, st.integers(min_value=10_000, max_value=1_000_000_000))
def test_jp_basis_never_above_cap_in_force(on, wage):
    result = calculate_contribution(
        ContributionInput(segment="pu", on=on, wage=Decimal(wage), programs=frozenset({"jp"}))
    )
    cap = jp_wage_cap(on)
    for line in result.lines:
        assert line.basis is not None
        assert line.basis <= cap
        assert line.basis == min(Decimal(wage), cap)


KINDS = st.sampled_from(["jkm", "jkk-death", "jkk-stmb", "jkk-disability", "jkp", "jp", "jht"])


@FAST
@given(
    KINDS,
    st.dates(min_value=date(2021, 3, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=10_000, max_value=100_000_000),
    st.integers(min_value=0, max_value=600),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=60),
    st.decimals(min_value=0, max_value=100, places=1),
    st.booleans(),
)
def test_benefits_never_negative(kind, on, wage, months, children, off, percent, total):
    result = calculate_benefit(
        BenefitInput(
            kind=kind,
            on=on,
            wage=Decimal(wage),
            contribution_months=months,
            children=children,
            months_off_work=off,
            disability_percent=percent,
            total_disability=total,
        )
    )
    assert all(line.amount >= 0 for line in result.lines)
    assert result.total >= 0


ROW = st.one_of(
    st.tuples(st.just("pu"), MONTHS, WAGES, RISKS, PU_PROGRAMS, st.booleans(), st.just("other"), st.just("self")),
    st.tuples(
        st.just("bpu"),
        MONTHS,
        WAGES,
        st.none(),
        BPU_PROGRAMS,
        st.just(False),
        st.sampled_from(["transport", "other"]),
        st.sampled_from(FUNDERS),
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=25))
def test_scalar_equals_vectorised(rows):
    scalar: dict[tuple[int, str, str], int] = defaultdict(int)
    records = []
    for row_id, (segment, on, amount, risk, programs, padat, sector, funder) in enumerate(rows):
        inp = _pu(on, amount, risk, programs, padat) if segment == "pu" else _bpu(on, amount, programs, sector, funder)
        for line in calculate_contribution(inp).lines:
            scalar[(row_id, line.programme, line.payer or "")] += int(line.amount)
        records.append(
            {
                "segment": segment,
                "month": on,
                "wage": amount if segment == "pu" else None,
                "income": amount if segment == "bpu" else None,
                "risk_class": risk,
                "programs": ",".join(sorted(inp.programs)),
                "padat_karya": padat,
                "sector": sector,
                "funder": funder,
            }
        )
    frame = pl.DataFrame(records, schema_overrides={"wage": pl.Int64, "income": pl.Int64, "risk_class": pl.String})
    vector: dict[tuple[int, str, str], int] = defaultdict(int)
    for row in contribution_lines(frame).iter_rows(named=True):
        vector[(row["row_id"], row["programme"], row["payer"])] += row["amount"]
    assert dict(vector) == dict(scalar)


WARNED_ROW = st.tuples(
    st.sampled_from(["pu", "bpu"]),
    MONTHS,
    st.integers(min_value=10_000, max_value=30_000_000),
    st.one_of(st.none(), RISKS),
    BPU_PROGRAMS,
    st.booleans(),
    st.sampled_from(["transport", "other"]),
    st.sampled_from(FUNDERS),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(WARNED_ROW, min_size=1, max_size=25))
def test_scalar_equals_vectorised_warnings(rows):
    """Billing shows the scalar form's words: every row gets exactly the scalar warnings, code and text."""
    scalar = set()
    records = []
    for row_id, (segment, on, amount, risk, programs, padat, sector, funder) in enumerate(rows):
        risk = (risk or "sedang") if segment == "pu" else risk
        inp = ContributionInput(
            segment=segment,
            on=on,
            wage=Decimal(amount) if segment == "pu" else None,
            income=Decimal(amount) if segment == "bpu" else None,
            risk_class=risk,
            programs=programs,
            padat_karya=padat,
            sector=sector,
            funder=funder,
        )
        for warning in calculate_contribution(inp).warnings:
            scalar.add((row_id, warning.code, warning.message_id, warning.message_en))
        records.append(
            {
                "segment": segment,
                "month": on,
                "wage": amount if segment == "pu" else None,
                "income": amount if segment == "bpu" else None,
                "risk_class": risk,
                "programs": ",".join(sorted(programs)),
                "padat_karya": padat,
                "sector": sector,
                "funder": funder,
            }
        )
    frame = pl.DataFrame(records, schema_overrides={"wage": pl.Int64, "income": pl.Int64, "risk_class": pl.String})
    vector = set(contribution_warnings(frame).iter_rows())
    assert vector == scalar
