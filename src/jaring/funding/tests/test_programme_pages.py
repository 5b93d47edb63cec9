"""The programme list, one programme and the create form, per role."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jaring.funding.models import Programme
from jaring.funding.services import ProgrammeInput, programme_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("tegal_operator", 200),
        ("village_operator", 200),
        ("sponsor_user", 200),
        ("auditor", 200),
        ("bpjs_officer", 200),
        ("leader", 403),
        ("bekasi_operator", 404),
    ],
)
def test_programme_detail_per_role(request, client_for, tegal_programme, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(f"/program/{tegal_programme.pk}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "PT Tegal Makmur Logam" in html
        assert "10%" in html
        assert "SC — perusahaan (CSR)" in html
        assert "01/01/2027 – 31/12/2027" in html
        assert "Rp 1.000.000" in html


def test_the_list_shows_period_shares_budget_and_members_and_hides_other_regions(
    client_for, tegal_operator, bekasi_operator, tegal_programme
):
    programme_create(
        actor=None,
        inp=ProgrammeInput(region_code="32.16", name="Program Bekasi", segment="bpu", start=date(2027, 1, 1), months=6),
        today=date(2026, 12, 3),
    )
    html = client_for(tegal_operator).get("/program/").content.decode()
    assert "Perlindungan Pekerja Rentan 2027" in html
    assert "Program Bekasi" not in html
    assert "APBD Tegal (90%)" in html
    assert "01/01/2027" in html
    assert "Rp 1.000.000" in html
    assert "belum ada" in html
    assert "Program Bekasi" in client_for(bekasi_operator).get("/program/").content.decode()


def test_the_list_costs_the_same_queries_for_one_programme_or_many(client_for, tegal_operator, tegal_programme):
    client = client_for(tegal_operator)
    client.get("/program/")
    with CaptureQueriesContext(connection) as one:
        client.get("/program/")
    for n in range(3):
        Programme.objects.create(region_id="33.28", name=f"P{n}", segment="bpu", start=date(2027, 1, 1), months=1,
                                 created_at=timezone.now())  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get("/program/")
    assert len(many) == len(one)


def _post(client, **changes):
    data = {
        "name": "Program Nelayan 2027",
        "segment": "bpu",
        "package": "bpu-basic",
        "start": "2027-01-01",
        "months": "12",
        "max_age": "65",
        "budget": "1.500.000.000",
        "sponsor-TOTAL_FORMS": "4",
        "sponsor-INITIAL_FORMS": "0",
        "sponsor-0-kind": "apbd",
        "sponsor-0-name": "APBD Tegal",
        "sponsor-0-share": "60",
        "sponsor-1-kind": "dbhcht",
        "sponsor-1-name": "DBHCHT Tegal",
        "sponsor-1-share": "40",
    }
    return client.post("/program/baru/", data | changes)


def test_an_operator_creates_a_programme_with_its_sponsors(client_for, tegal_operator):
    response = _post(client_for(tegal_operator))
    programme = Programme.objects.get(name="Program Nelayan 2027")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/program/{programme.pk}/"
    assert programme.region_id == "33.28"
    assert programme.budget == 1_500_000_000
    assert sorted(programme.sponsors.values_list("sponsor__kind", "share")) == [
        ("apbd", Decimal(60)),
        ("dbhcht", Decimal(40)),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sponsor-1-share": "30"}, "Bagian para sponsor berjumlah 90%, harus tepat 100%."),
        ({"start": "2025-01-01"}, "Tahun anggaran 2025 sudah ditutup"),
        ({"segment": "pu"}, "Program penerima upah memerlukan upah sebulan."),
        ({"days": "10"}, "Isi jumlah bulan, atau jumlah hari untuk badan ad hoc (salah satu)."),
        ({"sponsor-1-name": ""}, "Isi jenis, nama dan bagian sponsor, atau kosongkan barisnya."),
    ],
)
def test_refusals_are_shown_beside_the_form_and_nothing_is_saved(client_for, tegal_operator, changes, message):
    response = _post(client_for(tegal_operator), **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("persona", ["village_operator", "auditor", "sponsor_user", "leader"])
def test_only_a_regions_operator_may_create(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/program/baru/").status_code == 403
    assert _post(client).status_code == 403
    assert not Programme.objects.exists()


def test_a_sponsor_sees_only_what_it_funds(client_for, sponsor_user, tegal_programme):
    other = programme_create(
        actor=None,
        inp=ProgrammeInput(
            region_code="33.28", name="Program APBD saja", segment="bpu", start=date(2027, 1, 1), months=6
        ),
        today=date(2026, 12, 3),
    )
    client = client_for(sponsor_user)
    html = client.get("/program/").content.decode()
    assert "Perlindungan Pekerja Rentan 2027" in html
    assert "Program APBD saja" not in html
    assert client.get(f"/program/{other.pk}/").status_code == 404
