"""The budget planner and programmes over the REST API: the CLI's JSON, scoped like the pages, per role."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.audit.models import AuditEvent
from jaring.funding.models import Programme, Sponsor
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


@pytest.fixture
def programmes(sponsor_user):
    shares = (SponsorShare("apbd", "APBD Kabupaten Tegal", 90), SponsorShare("csr", "PT Tegal Makmur Logam", 10))  # type: ignore[arg-type]

    def make(name: str, region: str, sponsors=()):
        inp = ProgrammeInput(region_code=region, name=name, segment="bpu", start=date(2027, 1, 1), months=12,
                             sponsors=sponsors)  # fmt: skip
        return programme_create(actor=None, inp=inp, today=TODAY)

    made = {
        "tegal": make("Tegal", "33.28", shares),
        "jateng": make("Jawa Tengah", "33"),
        "bekasi": make("Bekasi", "32.16"),
    }
    Sponsor.objects.get(kind="csr").members.add(sponsor_user)
    return made


# --- POST /plan/budget ------------------------------------------------------------------------------


def test_plan_budget_answers_the_published_case_with_the_clis_keys(tegal_operator):
    body = {"budget": "1.919.937.600", "months": 9, "on": "2023-01-01"}
    response = api(tegal_operator).post("/api/v1/plan/budget", body, content_type="application/json")
    assert response.status_code == 200
    # Lombok Timur 2023: Rp16.800 a worker-month (JKK + JKM at Rp1.000.000), nothing left.
    assert response.json() == {
        "workers": 12698,
        "months": 9,
        "monthly_cost": "213326400",
        "cost": "1919937600",
        "unspent": "0",
    }


def test_plan_budget_takes_the_clis_defaults_and_refuses_with_a_code(tegal_operator):
    client = api(tegal_operator)
    with_jht = client.post(
        "/api/v1/plan/budget",
        {"budget": 1_000_000, "months": 1, "package": "bpu-jht", "on": "2025-06-01"},
        content_type="application/json",
    )
    assert with_jht.json()["workers"] == 1_000_000 // 36_800
    too_small = client.post(
        "/api/v1/plan/budget", {"budget": "10000", "months": 12, "on": "2025-06-01"}, content_type="application/json"
    )
    assert too_small.status_code == 400
    assert too_small.json()["code"] == "BUDGET.TOO_SMALL"
    assert "Anggaran" in too_small.json()["detail"]
    funder = client.post(
        "/api/v1/plan/budget", {"budget": "1000000", "months": 1, "funder": "bank"}, content_type="application/json"
    )
    assert (funder.status_code, funder.json()["code"]) == (400, "UNKNOWN_FUNDER")


# --- GET /programmes, GET /programmes/{id} ----------------------------------------------------------


def _names(client: Client) -> set[str]:
    response = client.get("/api/v1/programmes")
    assert response.status_code == 200
    return {item["name"] for item in response.json()["items"]}


def test_programme_list_per_role(programmes, tegal_operator, village_operator, sponsor_user, bekasi_operator, leader):
    assert _names(api(tegal_operator)) == {"Tegal", "Jawa Tengah"}
    assert _names(api(village_operator)) == {"Tegal", "Jawa Tengah"}
    assert _names(api(sponsor_user)) == {"Tegal"}
    assert _names(api(bekasi_operator)) == {"Bekasi"}
    assert api(leader).get("/api/v1/programmes").status_code == 403


def test_programme_detail_with_sponsors_and_scoped(programmes, tegal_operator, sponsor_user, bekasi_operator, leader):
    tegal, jateng = programmes["tegal"].pk, programmes["jateng"].pk
    response = api(tegal_operator).get(f"/api/v1/programmes/{tegal}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["region_code"], body["region_name"]) == (
        tegal,
        "Tegal",
        "33.28",
        "Kabupaten Tegal",
    )
    assert (body["start"], body["months"], body["days"], body["max_age"]) == ("2027-01-01", 12, None, 65)
    assert body["sponsors"] == [
        {"kind": "apbd", "name": "APBD Kabupaten Tegal", "share": "90", "wadah": "SG"},
        {"kind": "csr", "name": "PT Tegal Makmur Logam", "share": "10", "wadah": "SC"},
    ]
    assert api(sponsor_user).get(f"/api/v1/programmes/{tegal}").status_code == 200
    assert api(sponsor_user).get(f"/api/v1/programmes/{jateng}").status_code == 404
    outsider = api(bekasi_operator).get(f"/api/v1/programmes/{tegal}")
    assert outsider.status_code == 404
    assert outsider.json() == api(bekasi_operator).get("/api/v1/programmes/999999").json() | {
        "detail": f"Program nomor {tegal} tidak ditemukan."
    }
    assert api(leader).get(f"/api/v1/programmes/{tegal}").status_code == 403


# --- POST /programmes -------------------------------------------------------------------------------


def _create_body(**changes) -> dict[str, object]:
    body: dict[str, object] = {
        "region": "33.28",
        "name": "Perlindungan Pekerja Rentan",
        "segment": "bpu",
        "start": "2099-01-01",
        "months": 12,
        "budget": 2_000_000_000,
        "sponsors": [
            {"kind": "apbd", "name": "APBD Kabupaten Tegal", "share": 60},
            {"kind": "dbhcht", "name": "DBHCHT Tegal", "share": 30},
            {"kind": "csr", "name": "PT Tegal Makmur Logam", "share": "10"},
        ],
    }
    return body | changes


def test_an_operator_creates_a_programme_in_its_region(tegal_operator):
    response = api(tegal_operator).post("/api/v1/programmes", _create_body(), content_type="application/json")
    assert response.status_code == 201
    assert set(response.json()) == {"id"}
    made = Programme.objects.get(pk=response.json()["id"])
    assert (made.region_id, made.budget, made.created_by) == ("33.28", Decimal(2_000_000_000), tegal_operator)
    assert sorted((s.sponsor.kind, s.share) for s in made.sponsors.select_related("sponsor")) == [
        ("apbd", Decimal(60)),
        ("csr", Decimal(10)),
        ("dbhcht", Decimal(30)),
    ]
    assert AuditEvent.objects.filter(action="programme.create", actor=tegal_operator).count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"sponsors": [{"kind": "apbd", "name": "APBD", "share": 60}]}, "SPONSOR.SHARES"),
        ({"sponsors": [{"kind": "bank", "name": "Bank", "share": 100}]}, "SPONSOR.KIND"),
        ({"days": 30}, "PROGRAMME.PERIOD"),
        ({"segment": "pu"}, "PROGRAMME.WAGE"),
        ({"start": "2020-01-01"}, "PROGRAMME.CLOSED_YEAR"),
        ({"region": "99.99"}, "PROGRAMME.REGION"),
    ],
)
def test_create_refuses_with_the_services_code(tegal_operator, changes, code):
    response = api(tegal_operator).post("/api/v1/programmes", _create_body(**changes), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert Programme.objects.count() == 0


def test_create_is_refused_outside_the_region_and_without_the_capability(
    bekasi_operator, sponsor_user, village_operator, leader, auditor
):
    assert (
        api(bekasi_operator).post("/api/v1/programmes", _create_body(), content_type="application/json").status_code
        == 404
    )
    for user in (sponsor_user, village_operator, leader, auditor):
        response = api(user).post("/api/v1/programmes", _create_body(), content_type="application/json")
        assert response.status_code == 403, user.username
    assert Programme.objects.count() == 0
