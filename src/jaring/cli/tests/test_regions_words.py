"""`jaring regions show` writes counts the Indonesian way (issue 9)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jaring.cli import _register, app
from jaring.regions.models import Region

_register()

pytestmark = pytest.mark.django_db


def test_a_province_shows_its_villages_with_a_thousands_separator():
    villages = Region.objects.filter(code__startswith="33.", level=4).count()
    assert villages > 1000
    result = CliRunner().invoke(app, ["regions", "show", "33"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"{villages:,}".replace(",", ".") in result.stdout
    assert f"{villages:,}" not in result.stdout
    assert str(villages) not in result.stdout


def test_the_json_keeps_plain_numbers_for_machines():
    result = CliRunner().invoke(app, ["regions", "show", "33", "--json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    assert isinstance(data["villages_count"], int)
