"""The worker API: the page's filters and scoping, masked lists, audited detail, writes through the services."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jaring.accounts.services import api_token_create
from jaring.audit.models import AuditEvent
from jaring.registry.models import Worker, WorkerChange
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


def _worker(actor, nik: str, name: str, village: str = "33.28.01.2001", **extra) -> Worker:
    return worker_register(actor=actor, data=WorkerInput(nik=nik, name=name, sex="F", village_code=village, **extra))


@pytest.fixture
def workers(tegal_operator) -> list[Worker]:
    return [
        _worker(tegal_operator, "3328015203900001", "Siti Aminah", occupation_code="petani", source="Musdes"),
        _worker(tegal_operator, "3328015203900002", "Siti Rahayu", occupation_code="nelayan"),
        _worker(tegal_operator, "3328015203900003", "Sri Wahyuni", village="33.28.01.2002"),
        _worker(tegal_operator, "3328025203900004", "Dewi Lestari", village="33.28.02.2001"),
    ]


def test_list_masks_nik_and_pages(tegal_operator, workers):
    client = _api(tegal_operator)
    client.get("/api/v1/workers")  # the token's first use records last_used_at; counted below is the list alone
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/workers", {"page_size": 3})
    body = response.json()
    assert (response.status_code, body["count"], body["page"], body["pages"]) == (200, 4, 1, 2)
    assert len(body["items"]) == 3
    first = body["items"][0]
    assert set(first) >= {"id", "nik_masked", "name", "sex", "birth_date", "village_code", "village_name"}
    assert set(first) >= {"occupation", "segment", "source"}
    assert "nik" not in first
    assert "3328015203900001" not in response.content.decode()
    assert "332801******0001" in response.content.decode()
    assert len(queries) <= 6
    last = client.get("/api/v1/workers", {"page_size": 3, "page": 2}).json()
    assert [w["name"] for w in last["items"]] == ["Sri Wahyuni"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "siti"}, ["Siti Aminah", "Siti Rahayu"]),
        ({"q": "aminah siti"}, ["Siti Aminah"]),
        ({"q": "3328.0152.0390.0002"}, ["Siti Rahayu"]),
        ({"village": "33.28.01.2002"}, ["Sri Wahyuni"]),
        ({"district": "33.28.02"}, ["Dewi Lestari"]),
        ({"occupation": "nelayan"}, ["Siti Rahayu"]),
        ({"segment": "bpu"}, ["Siti Aminah", "Siti Rahayu"]),
        ({"source": "Musdes"}, ["Siti Aminah"]),
        # Only signs, or letters no name is written in: nothing to search by, and no server error.
        ({"q": "%"}, []),
        ({"q": "*_\\"}, []),
        ({"q": "Сергей"}, []),
    ],
)
def test_list_filters_as_the_page(tegal_operator, workers, params, names):
    response = _api(tegal_operator).get("/api/v1/workers", params)
    assert response.status_code == 200
    assert sorted(w["name"] for w in response.json()["items"]) == names


@pytest.mark.parametrize(
    "params",
    [{"page_size": 201}, {"page": 0}, {"q": "x" * 100_000}, {"source": "a\x00b"}, {"village": "33.28"}],
)
def test_list_refuses_bad_parameters(tegal_operator, params):
    assert _api(tegal_operator).get("/api/v1/workers", params).status_code == 422


def test_village_operator_lists_only_its_village(village_operator, bekasi_operator, workers):
    names = [w["name"] for w in _api(village_operator).get("/api/v1/workers").json()["items"]]
    assert names == ["Siti Aminah", "Siti Rahayu"]
    assert _api(bekasi_operator).get("/api/v1/workers").json() == {
        "count": 0,
        "capped": False,
        "page": 1,
        "pages": 1,
        "items": [],
    }


def test_detail_has_full_nik_and_is_audited_like_the_page(auditor, workers):
    response = _api(auditor).get(f"/api/v1/workers/{workers[0].pk}")
    body = response.json()
    assert (body["nik"], body["nik_masked"], body["occupation"], body["segment"]) == (
        "3328015203900001",
        "332801******0001",
        "petani",
        "bpu",
    )
    event = AuditEvent.objects.get(action="worker.view")
    assert (event.actor, event.summary, event.region_code) == (auditor, {"nik": "332801******0001"}, "33.28.01.2001")


def test_create_takes_sex_and_birth_date_from_the_nik(tegal_operator):
    response = _api(tegal_operator).post(
        "/api/v1/workers",
        {"nik": "3328 0152 0390 0009", "name": "Siti Aminah", "village_code": "33.28.01.2001", "income": 1500000},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nik_masked"], body["sex"], body["birth_date"]) == ("332801******0009", "F", "1990-03-12")
    assert body["url"] == f"/api/v1/workers/{body['id']}"
    assert AuditEvent.objects.get(action="worker.register").summary["nik"] == "332801******0009"


def test_create_refuses_a_nik_registered_elsewhere_without_revealing_it(tegal_operator, bekasi_operator):
    _worker(tegal_operator, "3328015203900001", "Siti Aminah", address="Jl. Rahasia 1", phone="081234567890")
    own = _worker(bekasi_operator, "3216015203900001", "Ani", village="32.16.01.2001")
    outsider = _api(bekasi_operator).post(
        "/api/v1/workers",
        {"nik": "3328015203900001", "name": "Orang Lain", "village_code": "32.16.01.2001"},
        content_type="application/json",
    )
    in_scope = _api(bekasi_operator).post(
        "/api/v1/workers",
        {"nik": own.nik, "name": "Orang Lain", "village_code": "32.16.01.2001"},
        content_type="application/json",
    )
    assert (outsider.status_code, in_scope.status_code) == (409, 409)
    text = outsider.content.decode()
    for secret in ("Siti", "Aminah", "Rahasia", "0812", "33.28.01", "Prupuk"):
        assert secret not in text
    # The same answer as for a NIK in the caller's own region, bar the masked NIK the caller typed.
    assert text.replace("332801", "") == in_scope.content.decode().replace("321601", "")
    assert Worker.objects.get(nik="3328015203900001").village_id == "33.28.01.2001"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"nik": "3328015203900000"}, "NIK.SERIAL"),
        ({"nik": "33280152039"}, "NIK.LENGTH"),
        ({"birth_date": "2999-01-01"}, "BIRTH_DATE.FUTURE"),
        ({"village_code": "32.16.01.2001"}, "tidak ditemukan di wilayah Anda"),
        ({"occupation_code": "astronot"}, "tidak dikenal"),
    ],
)
def test_create_refuses_invalid_input(tegal_operator, payload, message):
    data = {"nik": "3328015203900009", "name": "Siti Aminah", "village_code": "33.28.01.2001", **payload}
    response = _api(tegal_operator).post("/api/v1/workers", data, content_type="application/json")
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert not Worker.objects.exists()


def test_update_changes_only_what_is_sent_and_keeps_history(tegal_operator, workers):
    worker = workers[0]
    client = _api(tegal_operator)
    response = client.patch(
        f"/api/v1/workers/{worker.pk}",
        {"phone": "081234567890", "village_code": "33.28.01.2002", "occupation_code": None},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    worker.refresh_from_db()
    assert (worker.phone, worker.village_id, worker.occupation_id, worker.name, worker.source) == (
        "081234567890",
        "33.28.01.2002",
        None,
        "Siti Aminah",
        "Musdes",
    )
    change = WorkerChange.objects.get(worker=worker)
    assert (change.actor, change.before["village_id"], change.before["phone"]) == (tegal_operator, "33.28.01.2001", "")
    event = AuditEvent.objects.get(action="worker.update")
    assert event.summary == {"nik": "332801******0001", "fields": ["occupation_id", "phone", "village_id"]}
    # Sending the same values again changes nothing and records nothing.
    client.patch(f"/api/v1/workers/{worker.pk}", {"income": 1500000}, content_type="application/json")
    again = {"phone": "081234567890", "income": 1500000, "birth_date": "1990-03-12"}
    client.patch(f"/api/v1/workers/{worker.pk}", again, content_type="application/json")
    assert AuditEvent.objects.filter(action="worker.update").count() == 2


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"nik": "3328015203900099"}, 422),  # the NIK is the identity: not changed here
        ({"village_code": "32.16.01.2001"}, 422),
        ({"name": None}, 422),
        ({"sex": "X"}, 422),
        ({"birth_date": "2999-01-01"}, 422),
        ({"decile": 11}, 422),
    ],
)
def test_update_refuses(tegal_operator, workers, payload, status):
    response = _api(tegal_operator).patch(f"/api/v1/workers/{workers[0].pk}", payload, content_type="application/json")
    assert response.status_code == status
    assert not WorkerChange.objects.exists()


def test_village_operator_writes_only_in_its_village(village_operator, workers):
    client = _api(village_operator)
    neighbour = workers[2]
    assert client.get(f"/api/v1/workers/{neighbour.pk}").status_code == 404
    assert (
        client.patch(f"/api/v1/workers/{neighbour.pk}", {"phone": "0812"}, content_type="application/json").status_code
        == 404
    )
    moved = client.patch(
        f"/api/v1/workers/{workers[0].pk}", {"village_code": "33.28.01.2002"}, content_type="application/json"
    )
    assert moved.status_code == 422
    assert Worker.objects.get(pk=workers[0].pk).village_id == "33.28.01.2001"


def test_a_twin_saved_between_check_and_insert_is_refused_as_taken(tegal_operator, workers):
    from django.utils import timezone

    from jaring.registry.services import NikTaken, _worker_save

    now = timezone.now()
    twin = Worker(
        nik=workers[0].nik,
        name="Kembar",
        search_name="kembar",
        sex="F",
        village_id="33.28.01.2001",
        created_at=now,
        updated_at=now,
    )
    with pytest.raises(NikTaken):
        _worker_save(twin)
    assert Worker.objects.filter(nik=workers[0].nik).count() == 1


def test_list_refuses_a_query_longer_than_any_name_as_a_validation_error(tegal_operator, workers):
    response = _api(tegal_operator).get("/api/v1/workers", {"q": "a" * 101})
    assert response.status_code == 422
    assert _api(tegal_operator).get("/api/v1/workers", {"q": "siti " * 20}).status_code == 200
