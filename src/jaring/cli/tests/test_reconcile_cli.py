"""`jaring reconcile --programme ID FILE [--json]`: the interface of issue 11 (JSON keys, exit codes)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jaring.billing.tests.reconcile_cases import HAND_MADE, list_file, paid_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(tegal, workers, bekasi_operator):
    return paid_cohort(tegal, workers, bekasi_operator)


def _cli(*args: str):
    from jaring.cli import _register, app

    _register()
    return CliRunner().invoke(app, list(args))


def test_cli_json_keys_and_exit_codes(paid, tmp_path):
    path = list_file(tmp_path, HAND_MADE)
    done = _cli("reconcile", "--programme", str(paid.pk), str(path), "--json")
    assert done.exit_code == 0, done.output
    body = json.loads(done.stdout)
    assert list(body) == ["rows", "matched", "paid_not_active", "active_not_paid", "different"]
    assert body["rows"] == 7
    bad = _cli(
        "reconcile", "--programme", str(paid.pk), str(list_file(tmp_path, "123;A;1;Aktif;03/2026\n", "b.csv")), "--json"
    )
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["error"]["code"] == "FILE.BAD_ROWS"
    assert _cli("reconcile", "--programme", str(paid.pk), str(tmp_path / "tidak-ada.csv")).exit_code == 2
    assert _cli("reconcile", str(path)).exit_code == 2
    human = _cli("reconcile", "--programme", str(paid.pk), str(path))
    assert "Dibayar di sini dan aktif di BPJS" in human.stdout
