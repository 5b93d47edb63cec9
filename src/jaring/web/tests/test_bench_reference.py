"""The load test's plain-view references do the endpoints' own work, the bearer token's lookup included."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from jaring.accounts.services import api_token_create
from jaring.web.bench import reference_calc, reference_workers

pytestmark = pytest.mark.django_db
BODY = '{"segment": "bpu", "on": "2025-06-01", "income": "1500000"}'


def test_reference_calc_checks_a_sent_token_like_the_api(tegal_operator):
    token = api_token_create(user=tegal_operator, name="beban").plaintext
    factory = RequestFactory()
    good = factory.post("/", BODY, content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert json.loads(reference_calc(good).content)["total"] == "21800"
    bad = factory.post("/", BODY, content_type="application/json", headers={"Authorization": "Bearer jrg_salah"})
    assert reference_calc(bad).status_code == 401


def test_reference_workers_searches_as_the_token_user(village_operator, tegal_operator):
    from jaring.registry.services import WorkerInput, worker_register

    # A worker of a neighbouring village: the regency operator finds her, the village operator does not.
    worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2002"),
    )
    for user, count in ((tegal_operator, 1), (village_operator, 0)):
        token = api_token_create(user=user, name="beban").plaintext
        request = RequestFactory().get("/", {"q": "siti"}, headers={"Authorization": f"Bearer {token}"})
        assert json.loads(reference_workers(request).content)["count"] == count
