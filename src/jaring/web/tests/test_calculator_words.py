"""The calculator page in Indonesian: payers and funders in words, a refusal led by its reason."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BPU = {"segment": "bpu", "on": "2026-06-01", "months": "12", "programs": ["jkk", "jkm"], "funder": "apbd"}


def test_payers_and_funders_are_indonesian_words(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/kalkulator/", {**BPU, "income": "1500000"}).content.decode()
    assert "pemerintah" in html
    assert ">government<" not in html
    assert "mandiri (pekerja sendiri)" in html
    assert ">self<" not in html


def test_an_absurd_amount_is_refused_with_the_reason_first(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/kalkulator/", {**BPU, "income": "1e30"}).content.decode()
    assert "<code>AMOUNT_ABSURD</code>" not in html
    assert "Penghasilan tidak masuk akal" in html
    assert html.index("Penghasilan tidak masuk akal") < html.index("AMOUNT_ABSURD")


def test_the_amount_comes_right_after_the_programme_so_a_phone_sees_it(client_for, tegal_operator):
    html = client_for(tegal_operator).get("/kalkulator/", {**BPU, "income": "1500000"}).content.decode()
    lines = html[html.index('id="calc-lines"') :]
    assert lines.index("Rp 180.000") < lines.index("pemerintah")
    assert lines.index("Rp 180.000") < lines.index("Iuran JKK BPU")
