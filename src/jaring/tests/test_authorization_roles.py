"""What each persona may do through the worker API and the billing pages and API, probe by probe; the
matrix (test_authorization_matrix.py) proves every URL scoped, this proves the roles inside the region."""

from __future__ import annotations

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.tests.tegal_objects import tegal_bills

pytestmark = pytest.mark.django_db


# The worker API per role, on a worker of Desa Prupuk Selatan (the village operator's own, "{own}") and one
# of its neighbour village ("{other}"): what each persona's capabilities and region allow.
def _new_worker(n: str, village: str) -> dict[str, str]:
    return {"nik": f"33280152039000{n}", "name": "Siti Aminah", "village_code": village}


_ROLE_PROBES: dict[str, tuple[str, str, dict[str, str] | None]] = {
    "list": ("get", "/api/v1/workers", None),
    "get own": ("get", "/api/v1/workers/{own}", None),
    "get other": ("get", "/api/v1/workers/{other}", None),
    "create own": ("post", "/api/v1/workers", _new_worker("21", "33.28.01.2001")),
    "create other": ("post", "/api/v1/workers", _new_worker("22", "33.28.01.2002")),
    "patch own": ("patch", "/api/v1/workers/{own}", {"phone": "081234567890"}),
    "patch other": ("patch", "/api/v1/workers/{other}", {"phone": "081234567890"}),
    "imports": ("get", "/api/v1/imports", None),
}
_WRITES_REFUSED = dict.fromkeys(("create own", "create other", "patch own", "patch other"), 403)
_ROLE_STATUS: dict[str, dict[str, int]] = {
    "tegal_operator": {"create own": 201, "create other": 201},
    "village_operator": {"get other": 404, "create own": 201, "create other": 422, "patch other": 404},
    "bpjs_officer": _WRITES_REFUSED,
    "auditor": _WRITES_REFUSED,
    "tegal_admin": _WRITES_REFUSED,
    "leader": dict.fromkeys(_ROLE_PROBES, 403),
    "bekasi_operator": {"get own": 404, "get other": 404, "create own": 422, "create other": 422}
    | {"patch own": 404, "patch other": 404},
}


@pytest.mark.parametrize("persona", sorted(_ROLE_STATUS))
def test_worker_api_per_role(persona, request, tegal_operator):
    from jaring.registry.services import WorkerInput, worker_register

    own, other = (
        worker_register(actor=tegal_operator, data=WorkerInput(nik=nik, name="Budi", sex="M", village_code=village))
        for nik, village in (("3328011203900001", "33.28.01.2001"), ("3328011203900002", "33.28.01.2002"))
    )
    user = request.getfixturevalue(persona)
    client = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})
    answers = {}
    for probe, (method, path, body) in _ROLE_PROBES.items():
        url = path.format(own=own.pk, other=other.pk)
        extra = {"data": body, "content_type": "application/json"} if body else {}
        answers[probe] = getattr(client, method)(url, **extra).status_code
    expected = {"create own": 201, "create other": 201, "patch own": 200, "patch other": 200}
    assert answers == {probe: _ROLE_STATUS[persona].get(probe, expected.get(probe, 200)) for probe in _ROLE_PROBES}


# Bills per role (issue 11), on a bill of Tegal's APBD ("{apbd}") and one of the CSR sponsor whose user is
# the sponsor persona ("{csr}"): a sponsor its own only, a leader totals without lines, the village operator
# nothing (its village's members are inside a regency's bill: the regency's money, not the village's), the
# outsider nothing.
_BILL_PROBES: dict[str, tuple[str, str]] = {
    "page list": ("get", "/tagihan/"),
    "page apbd": ("get", "/tagihan/{apbd}/"),
    "page csr": ("get", "/tagihan/{csr}/"),
    "api list": ("get", "/api/v1/bills"),
    "api apbd": ("get", "/api/v1/bills/{apbd}"),
    "api csr": ("get", "/api/v1/bills/{csr}"),
    "api payments": ("get", "/api/v1/payments"),
    "api pay": ("post", "/api/v1/payments"),
}
_BILL_SEEN: dict[str, dict[str, object]] = {
    # probe -> status, or (status, bills listed, lines given)
    "tegal_operator": {"api list": (200, 2), "api apbd": (200, True), "api csr": (200, True), "api pay": 201},
    "bpjs_officer": {"api list": (200, 2), "api apbd": (200, True), "api csr": (200, True), "api pay": 403},
    "auditor": {"api list": (200, 2), "api apbd": (200, True), "api csr": (200, True), "api pay": 403},
    "tegal_admin": {"api list": (200, 2), "api apbd": (200, True), "api csr": (200, True), "api pay": 403},
    "leader": {"api list": (200, 2), "api apbd": (200, False), "api csr": (200, False), "api pay": 403},
    "sponsor_user": {"page apbd": 404, "api list": (200, 1), "api apbd": 404, "api csr": (200, True), "api pay": 404},
    "village_operator": dict.fromkeys(_BILL_PROBES, 403),
    "bekasi_operator": {"page apbd": 404, "page csr": 404, "api list": (200, 0), "api apbd": 404, "api csr": 404}
    | {"api pay": 404},
}


@pytest.mark.parametrize("persona", sorted(_BILL_SEEN))
def test_billing_per_role(persona, request, tegal_operator, sponsor_user):
    from jaring.funding.models import Sponsor

    values = tegal_bills(tegal_operator)
    Sponsor.objects.get(name="PT Tegal Makmur Logam").members.add(sponsor_user)
    csr = Sponsor.objects.get(name="PT Tegal Makmur Logam").bills.get().pk
    user = request.getfixturevalue(persona)
    web = Client()
    web.force_login(user)
    api_client = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})
    pay = {"sponsor": values["bill_sponsor"], "amount": 1000, "paid_on": "2026-03-01"}
    answers: dict[str, object] = {}
    for probe, (method, path) in _BILL_PROBES.items():
        url = path.format(apbd=values["bill"], csr=csr)
        client = api_client if url.startswith("/api/") else web
        extra = {"data": pay, "content_type": "application/json"} if method == "post" else {}
        response = getattr(client, method)(url, **extra)
        answer: object = response.status_code
        if response.status_code == 200 and probe == "api list":
            answer = (200, response.json()["count"])
        elif response.status_code == 200 and probe in ("api apbd", "api csr"):
            answer = (200, response.json()["lines"] is not None)
        answers[probe] = answer
    expected = {"page list": 200, "page apbd": 200, "page csr": 200, "api payments": 200}
    assert answers == {p: _BILL_SEEN[persona].get(p, expected.get(p)) for p in _BILL_PROBES}
