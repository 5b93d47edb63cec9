"""The planner's what-if page: the saved plan, changed inputs answered at once, nothing saved."""

from __future__ import annotations

import pytest

from jaring.funding.models import Programme

from .conftest import OTHER_VILLAGE, OWN_VILLAGE

pytestmark = pytest.mark.django_db


def _plan(client, programme, query: str = "", htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(f"/program/{programme.pk}/rencana/{query}", headers=headers)


def test_the_saved_plan_with_costs_citations_and_reasons(client_for, tegal_operator, tegal_programme):
    html = _plan(client_for(tegal_operator), tegal_programme).content.decode()
    assert '<td id="plan-workers">4</td>' in html
    assert "Rp 16.800" in html  # JKK Rp 10.000 + JKM Rp 6.800 a month
    assert "Rp 806.400" in html
    assert "Rp 193.600" in html
    assert "BPU.JKK.RATE" in html
    assert "PP 44/2015" in html
    assert "Melewati usia maksimum pada tanggal mulai" in html
    assert "Anggaran tidak cukup" in html
    assert "332801******0006" in html
    assert "3328015203900006" not in html
    # The one the budget could not take is listed before the one too old to be eligible.
    assert html.index("******0005") < html.index("******0006")


def test_a_bigger_budget_answers_as_a_fragment_and_saves_nothing(client_for, tegal_operator, tegal_programme):
    response = _plan(client_for(tegal_operator), tegal_programme, "?budget=Rp+2.000.000&months=&package=", htmx=True)
    html = response.content.decode()
    assert "<html" not in html
    assert '<td id="plan-workers">5</td>' in html
    assert "Anggaran tidak cukup" not in html
    assert Programme.objects.get().budget == 1_000_000


def test_fewer_months_and_the_jht_package(client_for, tegal_operator, tegal_programme):
    html = _plan(client_for(tegal_operator), tegal_programme, "?months=6&package=bpu-jht", htmx=True).content.decode()
    assert "Rp 36.800" in html  # JKK + JKM + JHT Rp 20.000


def test_a_village_maximum_leaves_the_rest_out_for_the_quota(client_for, tegal_operator, tegal_programme):
    query = f"?budget=&q_village={OWN_VILLAGE}&q_min=0&q_max=1&q_village=&q_min=&q_max="
    html = _plan(client_for(tegal_operator), tegal_programme, query, htmx=True).content.decode()
    assert '<td id="plan-workers">3</td>' in html
    assert "Kuota desa sudah penuh" in html


def test_a_quota_of_another_region_or_upside_down_is_refused(client_for, tegal_operator, tegal_programme):
    client = client_for(tegal_operator)
    outside = _plan(client, tegal_programme, "?q_village=32.16.01.2001&q_min=1&q_max=", htmx=True).content.decode()
    assert "Desa itu tidak termasuk wilayah program." in outside
    assert "plan-workers" not in outside
    upside = _plan(client, tegal_programme, f"?q_village={OTHER_VILLAGE}&q_min=3&q_max=1", htmx=True)
    assert "paling banyak harus sama atau lebih dari paling sedikit" in upside.content.decode()
    bad_months = _plan(client, tegal_programme, "?months=99", htmx=True).content.decode()
    assert "Jumlah bulan" in bad_months
    assert "plan-workers" not in bad_months


def test_a_village_operator_sees_the_left_out_of_its_village_only(client_for, village_operator, tegal_programme):
    client = client_for(village_operator)
    html = _plan(client, tegal_programme).content.decode()
    assert '<td id="plan-workers">4</td>' in html  # the programme's figures are the regency's
    assert 'id="left-out"' not in html  # its own village's three workers are all in
    html = _plan(client, tegal_programme, "?budget=500000").content.decode()
    assert "332801******0003" in html  # its own, out for the budget
    assert "******0005" not in html
    assert "******0006" not in html


def test_a_sponsor_sees_figures_but_no_left_out_worker(client_for, sponsor_user, tegal_programme):
    html = _plan(client_for(sponsor_user), tegal_programme).content.decode()
    assert "Anggaran tidak cukup" in html
    assert 'id="left-out"' not in html
    assert "******" not in html


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("bekasi_operator", 404), ("auditor", 200)])
def test_who_may_open_the_plan(request, client_for, tegal_programme, persona, status):
    assert _plan(client_for(request.getfixturevalue(persona)), tegal_programme).status_code == status
