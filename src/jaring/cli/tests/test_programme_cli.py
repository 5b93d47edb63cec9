"""`jaring programme create`: the interface of issue 10 (flags, `{"id": ...}`, exit codes)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from jaring.cli import _register, app
from jaring.funding.models import Programme

pytestmark = pytest.mark.django_db

BASE = ["programme", "create", "--region", "3328", "--name", "Perlindungan Pekerja Rentan Kabupaten Tegal 2027"]


def _run(*args: str):
    _register()
    return CliRunner().invoke(app, [*BASE, *args])


def test_creates_and_prints_its_id():
    result = _run(
        "--segment", "bpu", "--start", "2029-01-01", "--months", "12",
        "--sponsor", "apbd:APBD Kabupaten Tegal:60", "--sponsor", "dbhcht:DBHCHT Tegal:30",
        "--sponsor", "csr:PT Gula Manis:10", "--budget", "1.919.937.600", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    programme = Programme.objects.get(pk=json.loads(result.stdout)["id"])
    assert (programme.region_id, programme.budget, programme.sponsors.count()) == ("33.28", Decimal(1_919_937_600), 3)


def test_shares_not_adding_up_is_refused_with_exit_1():
    result = _run("--segment", "bpu", "--start", "2029-01-01", "--months", "12", "--sponsor", "apbd:APBD:90", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "SPONSOR.SHARES"
    assert not Programme.objects.exists()


def test_bad_usage_exits_2():
    assert _run("--segment", "bpu", "--start", "01/01/2027", "--months", "12").exit_code == 2
    assert _run("--segment", "bpu", "--start", "2029-01-01", "--months", "dua").exit_code == 2


def test_plan_programme_json_has_the_issues_keys():
    created = _run("--segment", "bpu", "--start", "2029-01-01", "--months", "9", "--budget", "1919937600", "--json")
    programme_id = json.loads(created.stdout)["id"]
    result = CliRunner().invoke(app, ["plan", "programme", str(programme_id), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "workers": 0,
        "months": 9,
        "monthly_cost": "0",
        "cost": "0",
        "unspent": "1919937600",
        "left_out": {},
    }
    assert CliRunner().invoke(app, ["plan", "programme", "999999"]).exit_code == 1


def test_rollover_prints_the_new_programme():
    created = _run("--segment", "bpu", "--start", "2029-12-01", "--months", "1", "--json")
    programme_id = json.loads(created.stdout)["id"]
    result = CliRunner().invoke(app, ["programme", "rollover", str(programme_id), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["proposed"] == 0
    assert CliRunner().invoke(app, ["programme", "rollover", str(programme_id), "--json"]).exit_code == 1
