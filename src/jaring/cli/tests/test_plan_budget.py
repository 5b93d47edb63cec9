"""`jaring plan budget`: the interface of issue 10, exactly (flags, JSON keys, exit codes)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jaring.cli import _register, app


def _plan(*args: str):
    _register()
    return CliRunner().invoke(app, ["plan", "budget", *args])


def test_published_case_as_json():
    result = _plan("--budget", "1919937600", "--months", "9", "--on", "2023-03-01", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "workers": 12698,
        "months": 9,
        "monthly_cost": "213326400",
        "cost": "1919937600",
        "unspent": "0",
    }


def test_human_output_in_indonesian_with_separators():
    result = _plan("--budget", "1919937600", "--months", "9", "--on", "2023-03-01")
    assert result.exit_code == 0, result.output
    assert "Pekerja terlindungi: 12.698 selama 9 bulan" in result.output
    assert "1.919.937.600" in result.output


def test_a_budget_too_small_is_refused_with_exit_1():
    result = _plan("--budget", "1000", "--months", "9", "--on", "2023-03-01", "--json")
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    assert answer["error"]["code"] == "BUDGET.TOO_SMALL"


def test_bad_usage_exits_2():
    assert _plan("--budget", "banyak", "--months", "9").exit_code == 2
    assert _plan("--budget", "1000000", "--months", "9", "--package", "emas").exit_code == 2
    assert _plan("--months", "9").exit_code == 2
