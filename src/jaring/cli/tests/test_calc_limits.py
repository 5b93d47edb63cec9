"""Finding 5 of issue 8 (calculator part): huge amounts and far dates are refused in Indonesian on
every interface (CLI, API, page) instead of a traceback or a 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from typer.testing import CliRunner

from jaring.accounts.services import api_token_create
from jaring.cli import _register, app
from jaring.rules.money import format_rupiah

_register()
runner = CliRunner()

PU = ["contribution", "--segment", "pu", "--risk", "sedang"]
CASES = [
    ([*PU, "--on", "2025-06-01", "--wage", "1e28"], "tidak masuk akal"),
    ([*PU, "--on", "2025-06-01", "--wage", "1e999999999"], "tidak masuk akal"),
    ([*PU, "--on", "9999-12-31", "--wage", "10000000"], "terlalu jauh"),
    (["benefit", "jkm", "--on", "9999-12-31", "--children", "2", "--contribution-months", "36"], "terlalu jauh"),
    (["benefit", "jkm", "--on", "2025-06-01", "--wage", "1e30"], "tidak masuk akal"),
    (["benefit", "jkm", "--on", "2025-06-01", "--contribution-months", "1e999999999"], "terlalu besar"),
]


def test_format_rupiah_survives_28_digits():
    assert format_rupiah(Decimal("1e28")) == "Rp 10." + ".".join(["000"] * 9)


@pytest.mark.parametrize(("args", "message"), CASES)
def test_cli_refuses_in_indonesian(args, message):
    result = runner.invoke(app, ["calc", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.django_db
def test_api_answers_400(tegal_operator):
    client = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    body = {"segment": "pu", "on": "2025-06-01", "wage": "1e28", "risk": "sedang"}
    response = client.post("/api/v1/calc/contribution", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "AMOUNT_ABSURD"
    late = client.post(
        "/api/v1/calc/benefit", {"kind": "jkm", "on": "9999-12-31", "children": 1}, content_type="application/json"
    )
    assert late.status_code == 400
    assert late.json()["code"] == "DATE_TOO_LATE"


@pytest.mark.django_db
def test_page_explains(client_for, village_operator):
    client = client_for(village_operator)
    for query, code in (
        ("segment=pu&on=2025-06-01&wage=1e28&risk=sedang", "AMOUNT_ABSURD"),
        ("segment=pu&on=9999-12-31&wage=1000000&risk=sedang", "DATE_TOO_LATE"),
    ):
        response = client.get(f"/kalkulator/?{query}")
        assert response.status_code == 200
        assert code in response.content.decode()
