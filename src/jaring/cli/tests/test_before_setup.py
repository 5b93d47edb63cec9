"""Commands before setup (issue 8): against a database `jaring setup` has not migrated, every command
that needs it prints one Indonesian line and exits 1; the login page says the same (no 500)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jaring.accounts.setup_check import NOT_SET_UP

COMMANDS = [
    ["nik", "check", "3602041211870001"],
    ["regions", "show", "33.28"],
    ["users", "token", "operator.tegal"],
    ["users", "create", "baru", "--role", "operator", "--region", "33.28", "--password", "kata-sandi-panjang-9"],
    ["import", "workers", "{csv}", "--region", "33.28"],
    ["demo", "load"],
]


@pytest.fixture
def fresh_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        JARING_HOME=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'jaring.sqlite3'}",
        JARING_ENV="test",
        PYTHONPATH=str(Path(__file__).resolve().parents[3]),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    (tmp_path / "daftar.csv").write_text("nik,nama\n3602041211870001,Siti\n", encoding="utf-8")
    return env


def _jaring(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from jaring.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_command_before_setup_says_run_setup(args: list[str], fresh_env: dict[str, str]) -> None:
    args = [a.replace("{csv}", str(Path(fresh_env["JARING_HOME"]) / "daftar.csv")) for a in args]
    result = _jaring(args, fresh_env)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == NOT_SET_UP
    assert "Traceback" not in result.stdout + result.stderr


def test_calculator_needs_no_setup(fresh_env: dict[str, str]) -> None:
    args = ["calc", "contribution", "--segment", "pu", "--on", "2025-06-01", "--wage", "5000000", "--risk", "sedang"]
    result = _jaring(args, fresh_env)
    assert result.returncode == 0, result.stderr
    assert "Rp 494.500" in result.stdout


def test_login_page_before_setup(fresh_env: dict[str, str]) -> None:
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'jaring.settings'; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "for r in (c.get('/masuk/'), c.post('/masuk/', {'username': 'a', 'password': 'b'})):\n"
        "    print(r.status_code, r.content.decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=fresh_env, capture_output=True, text=True, timeout=120, check=False
    )
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stdout + result.stderr
    for line in lines:
        assert line.startswith("503 ")
        assert "jaring setup" in line
