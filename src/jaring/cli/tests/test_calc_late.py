"""`jaring calc late` and `POST /api/v1/calc/late`: the interface of issue 9, exactly."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from jaring.accounts.services import api_token_create
from jaring.cli import _register, app


def _late(*args: str):
    _register()
    return CliRunner().invoke(app, ["calc", "late", *args])


def test_json_is_total_months_lines_warnings():
    result = _late("--due", "1000000", "--due-date", "2025-07-15", "--paid-on", "2025-09-20", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["total", "months_late", "lines", "warnings"]
    assert (data["total"], data["months_late"]) == ("60000", 3)


def test_paid_on_time_totals_zero():
    data = json.loads(_late("--due", "1000000", "--due-date", "2025-07-15", "--paid-on", "2025-07-15", "--json").output)
    assert (data["total"], data["months_late"], data["lines"]) == ("0", 0, [])


def test_a_bad_date_exits_2():
    result = _late("--due", "1000000", "--due-date", "15/07/2025", "--paid-on", "2025-07-15")
    assert result.exit_code == 2
    assert "INVALID_DATE" in result.output


@pytest.mark.django_db
def test_the_api_answers_the_same(tegal_operator):
    token = api_token_create(user=tegal_operator, name="t").plaintext
    client = Client(headers={"Authorization": f"Bearer {token}"})
    body = {"due": "1000000", "due_date": "2020-09-15", "paid_on": "2020-10-05"}
    data = client.post("/api/v1/calc/late", body, content_type="application/json").json()
    assert (data["total"], data["months_late"]) == ("5000", 1)
    assert [w["code"] for w in data["warnings"]] == ["LATE.DUE_DATE_CORRECTED"]
    bad = client.post("/api/v1/calc/late", {**body, "due": "nol"}, content_type="application/json")
    assert (bad.status_code, bad.json()["code"]) == (400, "NOT_A_NUMBER")
