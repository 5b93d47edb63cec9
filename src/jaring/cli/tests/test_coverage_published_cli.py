"""`jaring coverage load published FILE [--json]`: the other loads' JSON plus the flagged count."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.django_db
HEADER = "region_code,region_name,period,segment,participants,potential,reported_coverage,note,source\n"


def _cli(*args: str):
    from jaring.cli import _register, app

    _register()
    return CliRunner().invoke(app, list(args))


def test_load_published(tmp_path):
    path = tmp_path / "terbit.csv"
    path.write_text(
        HEADER + "33.76,Kota Tegal,2025-09,PU,33035,55201,0.5994,,berita\n33.76,Kota Tegal,2025-09,BPU,12314,"
        "37880,0.3251,,same\n",
        encoding="utf-8",
    )
    loaded = _cli("coverage", "load", "published", str(path), "--json")
    assert (loaded.exit_code, json.loads(loaded.stdout)) == (0, {"rows": 2, "created": 2, "replaced": 0, "flagged": 1})
    text = _cli("coverage", "load", "published", str(path))
    assert text.exit_code == 0
    assert "1 angka yang diterbitkan tidak cocok" in text.stdout


def test_refused_whole(tmp_path):
    path = tmp_path / "terbit.csv"
    path.write_text(HEADER + "99.99,Entah,2025-09,PU,1,2,0.5,,x\n", encoding="utf-8")
    result = _cli("coverage", "load", "published", str(path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["rows"] == ["baris 2: kode wilayah '99.99' tidak dikenal"]
    assert _cli("coverage", "load", "published", str(tmp_path / "none.csv")).exit_code == 2
