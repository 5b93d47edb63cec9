"""Every URL pattern and every API operation, probed as an anonymous visitor and as an outsider.

A new view or endpoint fails this test until it is added to the tables below, with the probe that
proves it is scoped or the reason it holds no regional data. This is the guard for every later
issue: region scoping is security (users.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jaring.accounts.services import api_token_create
from jaring.api.api import api

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    """A web page: ``path`` is an object inside Kabupaten Tegal (the owner's region).

    ``region_free`` names why the page shows no other region's data (then only anonymous access is
    checked); otherwise the Bekasi operator must get 403 or 404 on ``path`` while the Tegal operator
    gets 200 (or ``owner_status``).
    """

    path: str
    region_free: str = ""
    public: bool = False
    method: str = "get"
    owner_status: int = 200
    owner: str = "tegal_operator"
    data: tuple[tuple[str, str], ...] = ()


PAGES: dict[str, Page] = {
    "accounts:login": Page("/masuk/", public=True, region_free="the login form"),
    "accounts:logout": Page("/keluar/", method="post", public=True, region_free="ends the session"),
    "accounts:tokens": Page("/token/", region_free="lists only the user's own tokens"),
    "accounts:token_revoke": Page("/token/{tegal_token}/cabut/", method="post", owner_status=302),
    "web:home": Page("/", region_free="shows the user's own region"),
    "web:region_detail": Page("/wilayah/33.28/"),
    "web:nik_check": Page("/cek-nik/?nik=3328015203900001", region_free="pure check of the typed NIK"),
    "web:audit": Page("/audit/", region_free="scoped list: tested in test_pages", owner="auditor"),
    "api_docs": Page("/api/docs", region_free="redirect to the OpenAPI page", owner_status=302),
    "set_language": Page("/i18n/setlang/", method="post", public=True, region_free="sets a cookie", owner_status=302),
    "api:api-root": Page("/api/v1/", region_free="ninja's root (404 for all)", owner_status=404, public=True),
    "api:openapi-json": Page("/api/v1/openapi.json", region_free="the schema, no data"),
    "api:openapi-view": Page("/api/v1/docs", region_free="the schema page, no data"),
    "registry:workers": Page("/pekerja/", region_free="scoped list: tested in registry test_views"),
    "registry:worker_detail": Page("/pekerja/{worker}/"),
    "registry:duplicates": Page("/pekerja/duplikat/", region_free="scoped list: tested in registry test_views"),
    "registry:duplicate_merge": Page(
        "/pekerja/duplikat/{duplicate}/gabung/", method="post", owner_status=302, data=(("keep", "{worker}"),)
    ),
    "registry:duplicate_dismiss": Page("/pekerja/duplikat/{duplicate}/abaikan/", method="post", owner_status=302),
    "web:calc_contribution": Page("/kalkulator/?segment=bpu&on=2025-06-01&income=1000000", region_free="pure rules"),
    "web:calc_benefit": Page("/kalkulator/manfaat/?kind=jkm&on=2025-06-01", region_free="pure rules"),
    "imports:upload": Page("/impor/", region_free="form; jobs listed through the scoped jobs_for"),
    "imports:template": Page("/impor/templat/", region_free="the empty template"),
    "imports:job": Page("/impor/{job}/"),
    "imports:report": Page("/impor/{job}/laporan/", owner_status=404),  # the probe job has no report file
}


@dataclass(frozen=True)
class Operation:
    path: str
    region_free: str = ""
    owner_status: int = 200


OPERATIONS: dict[tuple[str, str], Operation] = {
    ("get", "/api/v1/regions/{code}"): Operation("/api/v1/regions/33.28.01"),
    ("get", "/api/v1/nik/{nik}"): Operation("/api/v1/nik/3328015203900001", region_free="pure check of the NIK"),
    ("post", "/api/v1/nik"): Operation(
        "/api/v1/nik", region_free="pure check of the NIK in the body", owner_status=400
    ),
    ("post", "/api/v1/imports"): Operation(
        "/api/v1/imports", region_free="creates a job in the caller's own region", owner_status=422
    ),
    ("get", "/api/v1/imports/{job_id}"): Operation("/api/v1/imports/{job}"),
    ("post", "/api/v1/calc/contribution"): Operation(
        "/api/v1/calc/contribution", region_free="pure rules", owner_status=400
    ),
    ("post", "/api/v1/calc/benefit"): Operation("/api/v1/calc/benefit", region_free="pure rules", owner_status=400),
}


def _named_patterns(resolver: URLResolver, prefix: str = "") -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names.update(_named_patterns(entry, ns))
        elif isinstance(entry, URLPattern):
            names[f"{prefix}{entry.name}" if entry.name else f"{prefix}<unnamed {entry.pattern}>"] = str(entry.pattern)
    return names


def _api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, item in schema["paths"].items() for method in item}


def test_every_url_pattern_is_in_the_matrix():
    names = set(_named_patterns(get_resolver()))
    # ninja registers one URL name per API path; those are probed through OPERATIONS.
    api_paths = {n for n in names if n.startswith("api:") and n not in PAGES}
    assert names - api_paths == set(PAGES), "add the new view to PAGES with its scoping probe"
    assert len(api_paths) == len({p for _, p in OPERATIONS})


def test_every_api_operation_is_in_the_matrix():
    assert _api_operations() == set(OPERATIONS), "add the new endpoint to OPERATIONS with its scoping probe"


def _tegal_job(user) -> str:
    from django.utils import timezone

    from jaring.imports.models import ImportJob

    job = ImportJob.objects.create(
        user=user, region_id="33.28", original_name="desa.xlsx", source="uji", created_at=timezone.now()
    )
    return str(job.pk)


def _op_path(op: Operation, tegal_operator) -> str:
    return op.path.format(job=_tegal_job(tegal_operator)) if "{job}" in op.path else op.path


def _request(client: Client, page: Page, values: dict[str, object]):
    data = {k: v.format(**values) for k, v in page.data}
    return getattr(client, page.method)(page.path.format(**values), data)


def _values(page: Page, tegal_operator) -> dict[str, object]:
    """Fills the placeholders with fresh objects inside Kabupaten Tegal."""
    from jaring.registry.models import PossibleDuplicate
    from jaring.registry.services import WorkerInput, worker_register

    values: dict[str, object] = {}
    if "{tegal_token}" in page.path:
        values["tegal_token"] = api_token_create(user=tegal_operator, name="t").token.pk
    if "{job}" in page.path:
        values["job"] = _tegal_job(tegal_operator)
    if "{worker}" in page.path or "{duplicate}" in page.path:
        a, b = (
            worker_register(
                actor=tegal_operator,
                data=WorkerInput(nik=nik, name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
            )
            for nik in ("3328015203900001", "3328015203900002")
        )
        values["worker"] = a.pk
        values["duplicate"] = PossibleDuplicate.objects.create(
            worker=a, other=b, score="1.000", reason="uji", created_at=a.created_at
        ).pk
    return values


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_refuses_anonymous(name, tegal_operator):
    page = PAGES[name]
    response = _request(Client(), page, _values(page, tegal_operator))
    if page.public:
        assert response.status_code < 500
        return
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/masuk/")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_scoped_to_the_region(name, request, tegal_operator, bekasi_operator, client_for):
    page = PAGES[name]
    if page.public:
        return
    values = _values(page, tegal_operator)
    if not page.region_free:
        # The outsider goes first: the owner's request may consume the object (a merge, a revoke).
        outsider = _request(client_for(bekasi_operator), page, values)
        assert outsider.status_code in (403, 404)
    owner = _request(client_for(request.getfixturevalue(page.owner)), page, values)
    assert owner.status_code == page.owner_status


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_api_refuses_anonymous(key, tegal_operator):
    method, _ = key
    response = getattr(Client(), method)(_op_path(OPERATIONS[key], tegal_operator))
    assert response.status_code == 401


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_api_is_scoped_to_the_region(key, tegal_operator, bekasi_operator):
    method, _ = key
    op = OPERATIONS[key]
    path = _op_path(op, tegal_operator)
    owner = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    assert getattr(owner, method)(path).status_code == op.owner_status
    if op.region_free:
        return
    outsider = Client(headers={"Authorization": f"Bearer {api_token_create(user=bekasi_operator, name='t').plaintext}"})
    assert getattr(outsider, method)(path).status_code in (403, 404)
