from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from jaring.cli import _register, app

_register()
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.django_db
def test_nik_check_json_of_the_published_example():
    result = _run("nik", "check", "3602041211870001", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["valid"] is True
    assert (data["sex"], data["birth_date"], data["district_code"]) == ("M", "1987-11-12", "36.02.04")
    assert set(data) == {
        "valid",
        "errors",
        "warnings",
        "sex",
        "birth_date",
        "province_code",
        "regency_code",
        "district_code",
        "region_names",
    }


@pytest.mark.django_db
def test_nik_check_invalid_exits_1_with_indonesian_reason():
    result = _run("nik", "check", "3602041299870000", "--json")
    assert result.exit_code == 1
    codes = {e["code"] for e in json.loads(result.stdout)["errors"]}
    assert {"NIK.BIRTH_DATE", "NIK.SERIAL"} <= codes


def test_nik_check_without_argument_is_usage_error():
    assert _run("nik", "check").exit_code == 2


@pytest.mark.django_db
def test_regions_show_json():
    result = _run("regions", "show", "3328", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["code"], data["name"], data["children_count"]) == ("33.28", "Kabupaten Tegal", 18)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "exit_code", "message"),
    [("33.99", 1, "tidak ditemukan"), ("33.2", 2, "tidak sah")],
)
def test_regions_show_bad_codes(code, exit_code, message):
    result = _run("regions", "show", code)
    assert result.exit_code == exit_code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_environment_value_is_a_clear_error_not_a_traceback(tmp_path):
    env = {"DATABASE_URL": "mysql://x/y", "JARING_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", "from jaring.cli import main; main()", "nik", "check", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "DATABASE_URL" in proc.stderr
    assert "skema tidak didukung" in proc.stderr
    assert "Traceback" not in proc.stderr
