from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jaring.audit.models import AuditEvent
from jaring.registry.models import PossibleDuplicate
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _workers(actor, n: int, village: str = "33.28.01.2001"):
    return [
        worker_register(
            actor=actor,
            data=WorkerInput(nik=f"33280152039{i:05d}", name=f"Pekerja {i}", sex="F", village_code=village),
        )
        for i in range(1, n + 1)
    ]


def test_list_masks_nik_and_is_bounded_in_queries(client_for, tegal_operator):
    _workers(tegal_operator, 30)
    client = client_for(tegal_operator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/pekerja/").content.decode()
    assert "332801******0001" in html
    assert "3328015203900001" not in html
    assert html.count("/pekerja/") >= 30
    assert len(queries) <= 10


def test_village_operator_sees_only_own_village(client_for, tegal_operator, village_operator):
    _workers(tegal_operator, 2)
    worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900099", name="Tetangga Desa", sex="F", village_code="33.28.01.2002"),
    )
    html = client_for(village_operator).get("/pekerja/").content.decode()
    assert "Pekerja 1" in html
    assert "Tetangga Desa" not in html


def test_htmx_search_returns_rows_only(client_for, tegal_operator):
    _workers(tegal_operator, 3)
    html = client_for(tegal_operator).get("/pekerja/?q=pekerja+2", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert "Pekerja 2" in html
    assert "Pekerja 3" not in html


def test_detail_shows_full_nik_and_is_audited(client_for, tegal_operator, auditor):
    (worker,) = _workers(tegal_operator, 1)
    html = client_for(auditor).get(f"/pekerja/{worker.pk}/").content.decode()
    assert "3328015203900001" in html
    event = AuditEvent.objects.get(action="worker.view")
    assert (event.actor, event.summary["nik"]) == (auditor, "332801******0001")


def test_leader_never_sees_personal_data(client_for, tegal_operator, leader):
    (worker,) = _workers(tegal_operator, 1)
    assert client_for(leader).get("/pekerja/").status_code == 403
    assert client_for(leader).get(f"/pekerja/{worker.pk}/").status_code == 403


def test_merge_from_the_queue(client_for, tegal_operator):
    a, b = _workers(tegal_operator, 2)
    pair = PossibleDuplicate.objects.create(worker=a, other=b, score="0.950", reason="uji", created_at=a.created_at)
    client = client_for(tegal_operator)
    assert "Pekerja 2" in client.get("/pekerja/duplikat/").content.decode()
    response = client.post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": b.pk})
    assert response.status_code == 302
    # The merged-away address leads to the kept record (issue 9, finding 1), no longer a bare 404.
    assert client.get(f"/pekerja/{a.pk}/")["Location"] == f"/pekerja/{b.pk}/"
