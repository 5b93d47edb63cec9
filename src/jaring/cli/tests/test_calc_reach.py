"""Issue 9: rules every interface reaches with the same names, and answers that speak (CLI and API)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from jaring.accounts.services import api_token_create
from jaring.cli import _register, app

_register()
runner = CliRunner()
ON = ["--on", "2025-06-01"]


def _json(args: list[str]) -> dict[str, Any]:
    result = runner.invoke(app, ["calc", *args, "--json"])
    assert result.exit_code == 0, result.stdout
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_jakon_with_a_known_wage():
    data = _json(["contribution", "--segment", "jakon", *ON, "--wage", "5000000"])
    assert data["total"] == "102000"
    assert data["by_program"] == {"JKK": "87000", "JKM": "15000"}
    assert [line["rule_codes"][0] for line in data["lines"]] == ["JAKON.WAGE.JKK", "JAKON.WAGE.JKM"]


def test_jakon_with_a_wage_and_a_contract_value_is_refused():
    result = runner.invoke(
        app, ["calc", "contribution", "--segment", "jakon", *ON, "--wage", "5000000", "--contract-value", "8e7"]
    )
    assert result.exit_code == 2
    assert "JAKON_BASIS_AMBIGUOUS" in result.output
    assert "tidak keduanya" in result.output


def test_pmi_months_total_the_whole_placement_line_by_line():
    data = _json(["contribution", "--segment", "pmi", *ON, "--months", "24"])
    assert data["total"] == "370000"
    assert [(line["rule_codes"][0], line["amount"]) for line in data["lines"]] == [
        ("PMI.PRE_PLACEMENT", "37500"),
        ("PMI.PACKAGE.24", "332500"),
    ]
    without = _json(["contribution", "--segment", "pmi", *ON, "--months", "24", "--no-pre-placement"])
    assert without["total"] == "332500"


def test_pmi_23_months_warns_that_24_cost_less():
    data = _json(["contribution", "--segment", "pmi", *ON, "--months", "23"])
    warning = next(w for w in data["warnings"] if w["code"] == "PMI.LONGER_IS_CHEAPER")
    assert "Rp 337.500" in warning["message_id"]
    assert "Rp 332.500" in warning["message_id"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--segment", "pu", "--wage", "0", "--risk", "sedang"], "AMOUNT_TOO_SMALL"),
        (["--segment", "pu", "--wage", "1", "--risk", "sedang"], "AMOUNT_TOO_SMALL"),
        (["--segment", "jakon", "--contract-value", "0"], "AMOUNT_TOO_SMALL"),
    ],
)
def test_a_wage_of_0_or_1_or_a_contract_value_of_0_is_refused(args, code):
    result = runner.invoke(app, ["calc", "contribution", *ON, *args])
    assert result.exit_code == 2
    assert code in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--segment", "pu", "--wage", "5000000", "--risk", "sedang", "--funder", "apbd"], "INPUT_IGNORED.FUNDER"),
        (["--segment", "bpu", "--income", "1000000", "--risk", "sedang"], "INPUT_IGNORED.RISK_CLASS"),
    ],
)
def test_a_flag_the_segment_does_not_use_is_named_in_a_warning(args, code):
    data = _json(["contribution", *ON, *args])
    assert code in {w["code"] for w in data["warnings"]}


@pytest.mark.parametrize("amount", ["Rp 1.000.000", "1.000.000", "1000000", "Rp1.000.000,00"])
def test_amounts_typed_as_people_write_them(amount):
    data = _json(["contribution", "--segment", "bpu", *ON, "--income", amount])
    assert data["total"] == "16800"


def test_jkm_for_a_bpu_without_contribution_months_says_the_early_rule_was_not_checked():
    data = _json(["benefit", "jkm", "--segment", "bpu", *ON, "--wage", "1000000"])
    assert "JKM.BPU_EARLY.UNCHECKED" in {w["code"] for w in data["warnings"]}


def test_jkp_benefit_and_iuran_agree_on_the_start_of_pp_37_2021():
    iuran = _json(["contribution", "--segment", "pu", "--on", "2021-02-01", "--wage", "5000000", "--programs", "jkp"])
    assert iuran["lines"][0]["rule_codes"][0] == "PU.JKP.GOVERNMENT"
    before = runner.invoke(app, ["calc", "benefit", "jkp", "--on", "2021-02-01", "--wage", "5000000"])
    assert before.exit_code == 2
    assert "JKP_NOT_IN_FORCE" in before.output
    assert "NO_RULE_IN_FORCE" not in before.output
    first_day = _json(["benefit", "jkp", "--on", "2021-02-02", "--wage", "5000000"])
    assert "JKP.BEFORE_FIRST_CLAIMS" in {w["code"] for w in first_day["warnings"]}


def test_benefit_inputs_for_jkp_eligibility_and_balances():
    eligible = _json(
        ["benefit", "jkp", *ON, "--wage", "6000000", "--contribution-months", "24", "--consecutive-months", "4"]
    )
    assert eligible["total"] == "0"
    jht = _json(["benefit", "jht", *ON, "--wage", "5000000", "--contribution-months", "12", "--return-rate", "0"])
    with_balance = _json(
        [
            "benefit",
            "jht",
            *ON,
            "--wage",
            "5000000",
            "--contribution-months",
            "12",
            "--balance",
            "Rp 1.000.000",
            "--return-rate",
            "0",
        ]
    )
    assert int(with_balance["total"]) - int(jht["total"]) == 1_000_000


def test_readable_output_names_payers_in_words_and_the_scholarship_outside_the_total():
    wide = {"COLUMNS": "200"}
    result = runner.invoke(
        app, ["calc", "benefit", "jkm", *ON, "--children", "2", "--contribution-months", "36"], env=wide
    )
    assert "santunan sekaligus" in result.stdout
    assert "lump_sum" not in result.stdout
    assert "Rp 174.000.000" in result.stdout
    assert "tidak termasuk total" in result.stdout
    jakon = runner.invoke(app, ["calc", "contribution", "--segment", "jakon", *ON, "--wage", "5000000"], env=wide)
    assert "penyedia jasa konstruksi" in jakon.stdout
    assert "contractor" not in jakon.stdout


@pytest.mark.django_db
def test_the_api_takes_the_same_names(tegal_operator):
    headers = {"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"}
    client = Client()
    jakon = client.post(
        "/api/v1/calc/contribution",
        {"segment": "jakon", "on": "2025-06-01", "wage": "Rp 5.000.000"},
        content_type="application/json",
        headers=headers,
    )
    assert jakon.status_code == 200
    assert jakon.json()["total"] == "102000"
    pmi = client.post(
        "/api/v1/calc/contribution",
        {"segment": "pmi", "on": "2025-06-01", "months": 24},
        content_type="application/json",
        headers=headers,
    )
    assert pmi.json()["total"] == "370000"
    jkp = client.post(
        "/api/v1/calc/benefit",
        {"kind": "jkp", "on": "2025-06-01", "wage": "6000000", "contribution_months": 24, "consecutive_months": 4},
        content_type="application/json",
        headers=headers,
    )
    assert jkp.json()["total"] == "0"
    refused = client.post(
        "/api/v1/calc/contribution",
        {"segment": "pu", "on": "2025-06-01", "wage": "0", "risk": "sedang"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "AMOUNT_TOO_SMALL"
    assert "Rp 10.000" in refused.json()["detail"]
