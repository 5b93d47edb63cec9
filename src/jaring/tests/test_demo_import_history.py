"""Issue 9, finding 5: the demo's village lists are import jobs in the operator's history ("Impor terakhir")."""

from __future__ import annotations

import pytest

from jaring.demo import load

pytestmark = pytest.mark.django_db


def test_the_demo_villages_imports_are_listed_in_the_operators_history(
    client_for, tegal_operator, settings, tmp_path, monkeypatch
):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(load, "DEMO_VILLAGE_COUNT", 2)
    monkeypatch.setattr(load, "ROWS_PER_VILLAGE", 30)
    load.demo_users()
    load.demo_imports()
    html = client_for(tegal_operator).get("/impor/").content.decode()
    for village in load.demo_villages():
        assert f"Musdes {village.name} 2026" in html
    assert "Uji coba — tidak disimpan" not in html
