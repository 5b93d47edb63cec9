"""Issue 9 on the calculator page: the fields of the chosen segment only, late fines, words not codes."""

from __future__ import annotations

import pytest
from django.utils import translation

from jaring.rules.words import BENEFIT_KIND_ID, COMPONENT_ID, FUNDER_ID, PAYER_ID, RISK_ID, SEGMENT_ID
from jaring.web.templatetags.calc_format import WORDS

pytestmark = pytest.mark.django_db


def test_the_form_shows_only_the_fields_of_the_chosen_segment(client_for, tegal_operator):
    pmi = client_for(tegal_operator).get("/kalkulator/", {"segment": "pmi"}).content.decode()
    assert 'name="months"' in pmi
    assert 'name="pre_placement"' in pmi
    for hidden in ('name="wage"', 'name="risk"', 'name="funder"', 'name="income"', 'name="contract_value"'):
        assert hidden not in pmi
    bpu = client_for(tegal_operator).get("/kalkulator/", {"segment": "bpu"}).content.decode()
    assert 'name="funder"' in bpu
    assert 'name="risk"' not in bpu


def test_a_field_of_another_segment_never_reaches_the_rules(client_for, tegal_operator):
    query = {"segment": "pu", "on": "2025-06-01", "wage": "5000000", "risk": "sedang", "funder": "apbd"}
    html = client_for(tegal_operator).get("/kalkulator/", query).content.decode()
    assert "INPUT_IGNORED" not in html


def test_jakon_with_a_wage_typed_as_people_write_it(client_for, tegal_operator):
    query = {"segment": "jakon", "on": "2025-06-01", "wage": "Rp 5.000.000"}
    html = client_for(tegal_operator).get("/kalkulator/", query).content.decode()
    assert "Rp 102.000" in html
    assert "penyedia jasa konstruksi" in html


def test_pmi_whole_placement_and_its_warning(client_for, tegal_operator):
    query = {"segment": "pmi", "on": "2025-06-01", "months": "23", "pre_placement": ["0", "1"]}
    html = client_for(tegal_operator).get("/kalkulator/", query).content.decode()
    assert "Rp 375.000" in html
    assert "lebih mahal daripada paket 24 bulan" in html


def test_late_fines_on_the_page(client_for, tegal_operator):
    query = {"due": "Rp 1.500.000", "due_date": "2025-07-15", "paid_on": "2025-09-20"}
    html = client_for(tegal_operator).get("/kalkulator/denda/", query).content.decode()
    assert "Rp 90.000" in html
    assert "terlambat 3 bulan" in html
    on_time = {"due": "1500000", "due_date": "2025-07-15", "paid_on": "2025-07-10"}
    assert "tidak ada denda" in client_for(tegal_operator).get("/kalkulator/denda/", on_time).content.decode()


def test_benefit_words_and_the_scholarship_note(client_for, tegal_operator):
    query = {"kind": "jkm", "on": "2025-06-01", "children": "2", "contribution_months": "36"}
    html = client_for(tegal_operator).get("/kalkulator/manfaat/", query).content.decode()
    assert "santunan sekaligus" in html
    assert ">lump_sum<" not in html
    assert 'id="scholarship-note"' in html
    assert "Rp 174.000.000 tidak termasuk total" in html
    assert "JKM: meninggal bukan karena kerja" in html
    assert ">jkm<" not in html


def test_english_under_en(client_for, tegal_operator):
    client = client_for(tegal_operator)
    client.post("/i18n/setlang/", {"language": "en"})
    html = client.get("/kalkulator/manfaat/", {"kind": "jkm", "on": "2025-06-01", "segment": "bpu"}).content.decode()
    assert "lump sum" in html
    assert "Contribution months not given" in html
    assert "Masa iur tidak diberikan" not in html


def test_every_code_word_of_the_rules_has_a_translatable_word_on_the_page():
    with translation.override("id"):
        for table in (PAYER_ID, COMPONENT_ID, FUNDER_ID, RISK_ID, BENEFIT_KIND_ID, SEGMENT_ID):
            for code, word in table.items():
                assert str(WORDS[code]) == word


def test_dates_are_typed_and_shown_day_first_whatever_the_browsers_language(client_for, tegal_operator):
    client = client_for(tegal_operator)
    query = {"on": "15/01/2026", "due": "1000000", "due_date": "15/07/2025", "paid_on": "20/09/2025"}
    html = client.get("/kalkulator/denda/", query).content.decode()
    assert 'value="15/07/2025"' in html
    assert 'type="date"' not in html
    assert "Rp 60.000" in html  # three months late at 2%: the typed dates reached the rules
    iso = client.get("/kalkulator/", {"segment": "bpu", "on": "2026-01-15", "income": "1000000"}).content.decode()
    assert 'value="15/01/2026"' in iso
