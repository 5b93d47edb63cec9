"""GET /api/v1/coverage/{region}?month=YYYY-MM: the CLI's report JSON through the API, scoped like the dashboard,
a leader's small counts withheld."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.coverage.loading import denominators_load, participants_load
from jaring.coverage.report import coverage_report

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


@pytest.fixture
def loaded(tmp_path: Path):
    participants = tmp_path / "p.csv"
    participants.write_text(
        "region_code,month,segment,participants,source\n33.28,2026-01,PU,640,cabang\n33.28,2026-01,PMI,3,cabang\n"
    )
    denominators = tmp_path / "d.csv"
    denominators.write_text("region_code,period,kind,value,source\n33.28,2025,formal,1000,BPS\n")
    participants_load(actor=None, path=participants)
    denominators_load(actor=None, path=denominators)


def test_the_api_answers_the_cli_s_json(loaded, tegal_operator):
    response = _api(tegal_operator).get("/api/v1/coverage/33.28?month=2026-01")
    assert response.status_code == 200
    body = response.json()
    from datetime import date

    assert body == coverage_report(region_code="33.28", month=date(2026, 1, 1)).as_json()
    pu = next(i for i in body["indicators"] if i["code"] == "PU")
    assert (pu["value"], pu["numerator"], pu["denominator"], pu["denominator_period"]) == ("0.6400", 640, 1000, "2025")


def test_a_leader_gets_small_counts_withheld(loaded, leader):
    body = _api(leader).get("/api/v1/coverage/33.28?month=2026-01").json()
    pmi = next(i for i in body["indicators"] if i["code"] == "PMI")
    assert (pmi["numerator"], pmi["value"]) == (None, None)
    pu = next(i for i in body["indicators"] if i["code"] == "PU")
    assert pu["numerator"] == 640


def test_the_api_and_the_dashboard_withhold_the_same_figures(loaded, leader):
    from datetime import date

    from jaring.coverage.shown import figure_row

    # BPJS's count of 3 migrant workers is a count of people like Jaring's own: "<5" on the page too.
    report = coverage_report(region_code="33.28", month=date(2026, 1, 1))
    pmi = next(f for f in report.figures if f.indicator.code == "PMI")
    assert figure_row(pmi, suppress=True).numerator == "<5"
    assert figure_row(pmi, suppress=False).numerator == "3"


def test_scope_and_bad_months(loaded, bekasi_operator, tegal_operator, village_operator):
    assert _api(bekasi_operator).get("/api/v1/coverage/33.28?month=2026-01").status_code == 404
    assert _api(tegal_operator).get("/api/v1/coverage/id?month=2026-01").status_code == 404
    assert _api(village_operator).get("/api/v1/coverage/33.28?month=2026-01").status_code == 403
    client = _api(tegal_operator)
    assert client.get("/api/v1/coverage/33.28?month=2026-13").status_code == 400
    assert client.get("/api/v1/coverage/33.28?month=Januari").status_code == 422
    future = client.get("/api/v1/coverage/33.28?month=2099-01")
    assert future.status_code == 400
    assert "MONTH.FUTURE" in future.json()["detail"]
