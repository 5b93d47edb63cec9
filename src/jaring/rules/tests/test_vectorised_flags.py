"""The billing form takes election ad hoc officers and non-ASN staff as the scalar form does: lines and words."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from jaring.rules.config import RuleConfig
from jaring.rules.contribution import calculate_contribution
from jaring.rules.inputs import ContributionInput
from jaring.rules.vectorised import contribution_lines
from jaring.rules.vectorised_warnings import contribution_warnings

CASES = [
    # (segment, month, wage or income, risk, programmes, ad hoc, non-ASN, funder)
    ("bpu", date(2026, 5, 1), 1_000_000, None, "jkk,jkm", True, False, "apbd"),
    ("bpu", date(2026, 5, 1), 2_500_000, None, "jkk,jkm", False, False, "csr"),
    ("pu", date(2026, 5, 1), 2_300_000, None, "jkk,jkm", False, True, "self"),
    ("pu", date(2026, 5, 1), 2_300_000, "sedang", "jkk,jkm", False, True, "self"),
    ("pu", date(2020, 9, 1), 3_000_000, None, "jkk,jkm", False, True, "self"),
]


def _input(segment, month, amount, risk, programs, ad_hoc, non_asn, funder) -> ContributionInput:
    return ContributionInput(
        segment=segment,
        on=month,
        wage=Decimal(amount) if segment == "pu" else None,
        income=Decimal(amount) if segment == "bpu" else None,
        risk_class=risk,
        programs=frozenset(programs.split(",")),
        funder=funder,
        ad_hoc_election=ad_hoc,
        non_asn=non_asn,
    )


def _frame(cases) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "segment": s,
                "month": m,
                "wage": a if s == "pu" else None,
                "income": a if s == "bpu" else None,
                "risk_class": r,
                "programs": p,
                "funder": f,
                "ad_hoc_election": h,
                "non_asn": n,
            }
            for s, m, a, r, p, h, n, f in cases
        ],
        schema_overrides={"wage": pl.Int64, "income": pl.Int64, "risk_class": pl.String},
    )


@pytest.mark.parametrize("config", [RuleConfig(), RuleConfig(ad_hoc_basis="pu-percentage")])
def test_lines_equal_the_scalar_form(config):
    scalar: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for row_id, case in enumerate(CASES):
        for line in calculate_contribution(_input(*case), config).lines:
            scalar[(row_id, line.programme, line.payer or "", line.rule_codes[0])] += int(line.amount)
    vector: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for row in contribution_lines(_frame(CASES), config).iter_rows(named=True):
        vector[(row["row_id"], row["programme"], row["payer"], row["rule_code"])] += row["amount"]
    assert dict(vector) == dict(scalar)


def test_warnings_equal_the_scalar_form():
    scalar = set()
    for row_id, case in enumerate(CASES):
        for w in calculate_contribution(_input(*case)).warnings:
            scalar.add((row_id, w.code, w.message_id, w.message_en))
    vector = set(contribution_warnings(_frame(CASES)).iter_rows())
    assert vector == scalar
    codes = {code for _, code, _, _ in vector}
    # The two configurable choices these flags bring are said, not silently applied.
    assert {"ADHOC.BASIS", "NON_ASN.JKK_CLASS"} <= codes
