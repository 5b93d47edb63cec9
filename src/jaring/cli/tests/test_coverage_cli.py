"""`jaring coverage load|refresh` and `jaring report coverage`: the interface of issue 12."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.django_db


def _cli(*args: str):
    from jaring.cli import _register, app

    _register()
    return CliRunner().invoke(app, list(args))


def test_load_refresh_and_report(tmp_path):
    participants = tmp_path / "p.csv"
    participants.write_text("region_code,month,segment,participants,source\n33.28,2026-01,PU,640,cabang\n")
    denominators = tmp_path / "d.csv"
    denominators.write_text("region_code,period,kind,value,source\n33.28,2025,formal,1000,BPS\n")
    loaded = _cli("coverage", "load", "participants", str(participants), "--json")
    assert (loaded.exit_code, json.loads(loaded.stdout)) == (0, {"rows": 1, "created": 1, "replaced": 0})
    assert _cli("coverage", "load", "denominators", str(denominators), "--json").exit_code == 0
    refreshed = _cli("coverage", "refresh", "--json")
    assert refreshed.exit_code == 0, refreshed.output
    assert set(json.loads(refreshed.stdout)) == {"months", "rows"}
    report = _cli("report", "coverage", "--region", "3328", "--month", "2026-01", "--json")
    body = json.loads(report.stdout)
    assert (body["region"], body["month"]) == ("33.28", "2026-01")
    pu = next(i for i in body["indicators"] if i["code"] == "PU")
    assert (pu["value"], pu["denominator_period"], pu["target"]) == ("0.6400", "2025", None)
    ucj = next(i for i in body["indicators"] if i["code"] == "UCJ")
    assert (ucj["value"], ucj["denominator"]) == (None, None)  # no employed figure: not invented


def test_refusals(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,month,segment,participants,source\n33.28,2026-01,PU,-1,x\n")
    result = _cli("coverage", "load", "participants", str(bad), "--json")
    assert result.exit_code == 1
    assert "jumlah tidak boleh negatif" in json.loads(result.stdout)["error"]["rows"][0]
    assert _cli("report", "coverage", "--region", "3328", "--month", "2026/01").exit_code == 2
    assert _cli("report", "coverage", "--region", "99.99", "--month", "2026-01", "--json").exit_code == 1
    assert _cli("coverage", "load", "participants", str(tmp_path / "none.csv")).exit_code == 2
