"""The exact interfaces of issue 3: `jaring calc` and POST /api/v1/calc/*, checked against the
published worked examples."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from jaring.accounts.services import api_token_create
from jaring.cli import _register, app

_register()
runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        (["contribution", "--segment", "bpu", "--on", "2025-06-01", "--income", "1000000"], "total", "16800"),
        (
            [
                "contribution",
                "--segment",
                "bpu",
                "--on",
                "2025-06-01",
                "--income",
                "1000000",
                "--programs",
                "jkk,jkm,jht",
            ],
            "total",
            "36800",
        ),
        (
            ["contribution", "--segment", "pu", "--on", "2025-06-01", "--wage", "10000000", "--risk", "sedang"],
            "total",
            "989000",
        ),
        (
            ["contribution", "--segment", "jakon", "--on", "2025-06-01", "--contract-value", "80000000"],
            "total",
            "192000",
        ),
        (
            ["contribution", "--segment", "bpu", "--on", "2026-02-01", "--income", "1000000", "--sector", "transport"],
            "total",
            "8400",
        ),
        # PP 50/2025 does not apply when the Pemda pays through APBD.
        (
            ["contribution", "--segment", "bpu", "--on", "2026-05-01", "--income", "1000000", "--funder", "apbd"],
            "total",
            "16800",
        ),
        (
            [
                "benefit",
                "jkm",
                "--on",
                "2025-06-01",
                "--segment",
                "bpu",
                "--wage",
                "1000000",
                "--contribution-months",
                "12",
            ],
            "total",
            "42000000",
        ),
        (
            ["benefit", "jkk-stmb", "--on", "2025-06-01", "--wage", "4000000", "--months-off-work", "15"],
            "total",
            "54000000",
        ),
    ],
)
def test_calc_json(args, field, expected):
    result = runner.invoke(app, ["calc", *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[field] == expected


def test_contribution_json_keys_and_upper_case_programmes():
    args = ["calc", "contribution", "--segment", "pu", "--on", "2025-06-01", "--wage", "5000000", "--risk", "rendah"]
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert list(data) == ["total", "by_program", "by_payer", "lines", "warnings"]
    assert set(data["by_program"]) <= {"JKK", "JKM", "JHT", "JP", "JKP"}
    assert all(isinstance(v, str) for v in data["by_payer"].values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["contribution", "--segment", "pu", "--on", "2025-06-01", "--wage", "-5"], "negatif"),
        (
            ["contribution", "--segment", "pu", "--on", "2025-06-01", "--wage", "5000000", "--risk", "ekstrem"],
            "Kelas risiko 'ekstrem' tidak dikenal",
        ),
        (["contribution", "--segment", "pu", "--on", "2014-06-01", "--wage", "5000000"], "2015"),
        (["contribution", "--segment", "pu", "--on", "2025-06-01"], "Upah"),
        (["contribution", "--segment", "ojol", "--on", "2025-06-01"], "segment 'ojol' tidak dikenal"),
        (["contribution", "--segment", "pu", "--on", "01/06/2025", "--wage", "1"], "YYYY-MM-DD"),
        (["benefit", "pensiun", "--on", "2025-06-01"], "tidak dikenal"),
    ],
)
def test_bad_input_exits_2_with_indonesian_message(args, message):
    result = runner.invoke(app, ["calc", *args])
    assert result.exit_code == 2
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.output


def test_readable_table_in_indonesian():
    result = runner.invoke(
        app, ["calc", "contribution", "--segment", "bpu", "--on", "2025-06-01", "--income", "1000000"]
    )
    assert "Total: Rp 16.800" in result.stdout
    assert "PP 44/2015" in result.stdout


@pytest.mark.django_db
def test_api_matches_cli(tegal_operator):
    client = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    body = {"segment": "pu", "on": "2025-06-01", "wage": "10000000", "risk": "sedang"}
    response = client.post("/api/v1/calc/contribution", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["total"] == "989000"
    bad = client.post("/api/v1/calc/contribution", {**body, "risk": "ekstrem"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "UNKNOWN_RISK_CLASS"
    benefit = client.post(
        "/api/v1/calc/benefit",
        {"kind": "jkm", "on": "2025-06-01", "children": 2, "contribution_months": 36},
        content_type="application/json",
    )
    assert benefit.json()["components"]["scholarship_max"] == "174000000"


@pytest.mark.django_db
def test_calculator_page_explains_with_citations(client_for, village_operator):
    client = client_for(village_operator)
    html = client.get(
        "/kalkulator/?segment=bpu&on=2025-06-01&income=1000000&programs=jkk&programs=jkm",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Rp 16.800" in html
    assert "BPU.JKK.RATE" in html
    assert "PP 44/2015" in html
    error = client.get("/kalkulator/?segment=pu&on=2025-06-01&wage=abc").content.decode()
    assert "NOT_A_NUMBER" in error
