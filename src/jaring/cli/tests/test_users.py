"""Finding 10 of issue 8: `jaring users create` applies the password validators, in Indonesian."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from jaring.accounts.models import User
from jaring.cli import _register, app

pytestmark = pytest.mark.django_db

_register()
runner = CliRunner()


def test_cli_create_applies_password_validators(tegal_operator):
    args = ["users", "create", "lemah", "--role", "operator", "--region", "33.28", "--password", "12345"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "terlalu pendek" in result.stderr
    assert not User.objects.filter(username="lemah").exists()
    ok = runner.invoke(app, [*args[:-1], "kata-sandi-yang-cukup-panjang"])
    assert ok.exit_code == 0, ok.output


def test_cli_deactivates_instead_of_deleting(tegal_operator):
    result = runner.invoke(app, ["users", "deactivate", "operator.tegal"])
    assert result.exit_code == 0, result.output
    tegal_operator.refresh_from_db()
    assert not tegal_operator.is_active
