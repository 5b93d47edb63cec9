"""The result contract other tools depend on: JSON shape, explanations, errors, late payment."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from jaring.rules.benefit import calculate_benefit
from jaring.rules.contribution import calculate_contribution
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import BenefitInput, ContributionInput
from jaring.rules.late import bpu_membership_status, late_payment_fine


def test_contribution_json_shape():
    result = calculate_contribution(
        ContributionInput(segment="pu", on=date(2025, 6, 1), wage=Decimal(10_000_000), risk_class="sedang")
    )
    data = json.loads(json.dumps(result.as_json()))
    assert list(data) == ["total", "by_program", "by_payer", "lines", "warnings"]
    # The issue's own example: the central government's JKP share is shown as a line, never billed.
    assert data["total"] == "989000"
    assert data["by_program"] == {"JKK": "89000", "JKM": "30000", "JHT": "570000", "JP": "300000"}
    assert data["by_payer"] == {"employer": "689000", "worker": "300000"}
    (jkp,) = [line for line in data["lines"] if line["program"] == "JKP"]
    assert (jkp["amount"], jkp["payer"], jkp["billed"]) == ("11000", "government", False)
    assert all(isinstance(line["amount"], str) for line in data["lines"])
    assert {"program", "payer", "basis", "rate", "amount", "rule_codes", "citation"} <= set(data["lines"][0])


def test_benefit_json_shape_excludes_scholarship_from_total():
    result = calculate_benefit(BenefitInput(kind="jkm", on=date(2025, 6, 1), children=2, contribution_months=36))
    data = result.as_json()
    assert list(data) == ["total", "components", "lines", "warnings"]
    assert data["total"] == "42000000"
    assert data["components"] == {
        "lump_sum": "20000000",
        "periodic": "12000000",
        "funeral": "10000000",
        "scholarship_max": "174000000",
    }


def test_explain_in_both_languages_names_rules_and_citations():
    result = calculate_contribution(
        ContributionInput(segment="bpu", on=date(2026, 2, 1), income=Decimal(1_000_000), sector="transport")
    )
    indonesian, english = result.explain(), result.explain("en")
    assert "Jumlah: Rp 8.400" in indonesian
    assert "peserta" in indonesian
    assert "Total: Rp 8.400" in english
    assert "BPU.PP50.TRANSPORT" in indonesian
    assert "PP 50/2025 Pasal 4(1)" in english


def test_warnings_name_the_configurable_rule_and_option():
    result = calculate_contribution(ContributionInput(segment="bpu", on=date(2025, 6, 1), income=Decimal(2_500_000)))
    warning = next(w for w in result.warnings if w.code == "BPU.BAND.GAP")
    assert warning.option == "declared-income"
    assert "declared-income" in warning.message_en
    assert "BPU.BAND.GAP" in warning.message_id
    assert warning.as_json()["option"] == "declared-income"


def test_money_is_never_a_float():
    with pytest.raises(RuleInputError) as error:
        ContributionInput(segment="pu", on=date(2025, 6, 1), wage=1e6)  # type: ignore[arg-type]
    assert error.value.code == "NOT_A_DECIMAL"


def test_errors_carry_code_and_both_languages():
    with pytest.raises(RuleInputError) as error:
        calculate_contribution(ContributionInput(segment="jakon", on=date(2025, 6, 1)))
    assert error.value.as_json() == {
        "code": "MISSING_CONTRACT_VALUE",
        "message_id": error.value.message_id,
        "message_en": error.value.message_en,
    }
    assert "nilai kontrak" in error.value.message_id


# iuran month, paid on, iuran due, expected months late, expected fine
LATE_CASES = [
    (date(2025, 6, 1), date(2025, 7, 15), 1_000_000, 0, 0),
    (date(2025, 6, 1), date(2025, 7, 16), 1_000_000, 1, 20_000),
    (date(2025, 6, 1), date(2025, 8, 15), 1_000_000, 1, 20_000),
    (date(2025, 6, 1), date(2025, 8, 16), 1_000_000, 2, 40_000),
    (date(2025, 6, 1), date(2026, 7, 16), 1_000_000, 13, 260_000),
    (date(2020, 9, 1), date(2020, 10, 30), 1_000_000, 0, 0),
    (date(2020, 9, 1), date(2020, 11, 2), 1_000_000, 1, 5_000),
    (date(2021, 1, 1), date(2021, 3, 1), 333_333, 1, 1_667),
]


@pytest.mark.parametrize(("month", "paid", "due", "late", "fine"), LATE_CASES)
def test_late_payment_fine(month, paid, due, late, fine):
    result = late_payment_fine(Decimal(due), month, paid)
    assert result.months_late == late
    assert result.amount == fine


@pytest.mark.parametrize(
    ("unpaid", "claimed", "status"),
    [(0, False, "aktif"), (2, False, "menunggak"), (3, False, "berakhir"), (5, True, "nonaktif")],
)
def test_bpu_lapse(unpaid, claimed, status):
    assert bpu_membership_status(unpaid, jht_claimed=claimed).status == status


def test_vectorised_falls_back_to_scalar_for_jakon_and_pmi():
    import polars as pl

    from jaring.rules.vectorised import contribution_lines

    frame = pl.DataFrame(
        {
            "segment": ["jakon", "pmi", "bpu"],
            "month": [date(2025, 6, 1)] * 3,
            "income": [None, None, 1_000_000],
            "contract_value": [80_000_000, None, None],
            "months": [None, 24, None],
        }
    )
    lines = contribution_lines(frame)
    totals = lines.group_by("row_id").agg(pl.col("amount").sum()).sort("row_id")
    assert totals.get_column("amount").to_list() == [192_000, 332_500, 16_800]
    assert set(lines.filter(pl.col("row_id") == 1).get_column("programme")) == {"JKK+JKM"}


def test_vectorised_rejects_bad_rows_with_their_ids():
    import polars as pl

    from jaring.rules.vectorised import contribution_lines

    frame = pl.DataFrame(
        {
            "segment": ["pu", "pu"],
            "month": [date(2025, 6, 1)] * 2,
            "wage": [5_000_000, 5_000_000],
            "risk_class": ["sedang", None],
        }
    )
    with pytest.raises(RuleInputError) as error:
        contribution_lines(frame)
    assert error.value.code == "MISSING_RISK_CLASS"
    assert "1" in error.value.message_id
