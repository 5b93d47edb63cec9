"""Every URL pattern and every API operation, probed as an anonymous visitor and as an outsider.

A new view or endpoint fails this test until it is added to the tables below, with the probe that
proves it is scoped or the reason it holds no regional data. This is the guard for every later
issue: region scoping is security (users.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    "registry:duplicate_confirm": Page("/pekerja/duplikat/{duplicate}/"),
    "registry:duplicate_merge": Page(
        "/pekerja/duplikat/{duplicate}/gabung/", method="post", owner_status=302, data=(("keep", "{worker}"),)
    ),
    "registry:duplicate_dismiss": Page("/pekerja/duplikat/{duplicate}/abaikan/", method="post", owner_status=302),
    "web:calc_contribution": Page("/kalkulator/?segment=bpu&on=2025-06-01&income=1000000", region_free="pure rules"),
    "web:calc_benefit": Page("/kalkulator/manfaat/?kind=jkm&on=2025-06-01", region_free="pure rules"),
    "web:calc_late": Page(
        "/kalkulator/denda/?due=1500000&due_date=2025-07-15&paid_on=2025-08-20", region_free="pure rules"
    ),
    "imports:upload": Page("/impor/", region_free="form; jobs listed through the scoped jobs_for"),
    "imports:template": Page("/impor/templat/", region_free="the empty template"),
    "imports:job": Page("/impor/{job}/"),
    "imports:report": Page("/impor/{job}/laporan/", owner_status=404),  # the probe job has no report file
    "registry:worker_villages": Page(
        "/pekerja/desa/?district=33.28.01", region_free="scoped options: tested in registry test_list_filters"
    ),
    "registry:export_start": Page(
        "/pekerja/ekspor/", method="post", owner_status=302, region_free="the user's own scoped list: test_export"
    ),
    "registry:export": Page("/pekerja/ekspor/{export}/"),
    "registry:export_download": Page("/pekerja/ekspor/{export}/unduh/", owner_status=404),  # not run: no file yet
    "imports:worker_new": Page(
        "/pekerja/baru/", region_free="form; its villages and writes are scoped: test_worker_form"
    ),
    "imports:worker_edit": Page("/pekerja/{worker}/ubah/"),
    "registry:moves": Page("/pekerja/pindah/", region_free="scoped lists: tested in imports test_import_scope"),
    "registry:move_accept": Page("/pekerja/pindah/{move}/terima/", method="post", owner_status=302),
    "registry:move_refuse": Page("/pekerja/pindah/{move}/tolak/", method="post", owner_status=302),
    "enrolment:cohort": Page("/program/{programme}/kohort/"),
    "enrolment:funnel": Page("/program/{programme}/kohort/susut/"),
    "enrolment:adjust": Page(
        "/program/{programme}/kohort/sesuaikan/", method="post", owner_status=302, data=(("action", "cancel"),)
    ),
    "enrolment:exchange": Page("/program/{programme}/bpjs/"),
    "enrolment:export_start": Page("/program/{programme}/bpjs/ekspor/", method="post", owner_status=302),
    "enrolment:answer_upload": Page("/program/{programme}/bpjs/jawaban/", method="post", owner_status=302),
    "enrolment:layout": Page("/program/{programme}/bpjs/tata-letak/", owner="tegal_admin"),
    "enrolment:exchange_job": Page("/program/{programme}/bpjs/tugas/{exchange}/"),
    "enrolment:exchange_download": Page("/program/{programme}/bpjs/tugas/{exchange}/unduh/", owner_status=404),
    "documents:village_list": Page("/program/{programme}/dokumen/desa/33.28.01.2001.pdf"),
    "documents:handover": Page("/program/{programme}/dokumen/berita-acara.pdf"),
    "funding:programmes": Page("/program/", region_free="scoped list: tested in funding test_programme_pages"),
    "funding:programme_new": Page("/program/baru/", region_free="form; creates in the caller's own region"),
    "funding:programme": Page("/program/{programme}/"),
    "funding:plan": Page("/program/{programme}/rencana/?budget=1000000"),
    "funding:sponsors": Page("/program/sponsor/", region_free="scoped list: tested in funding test_sponsor_pages"),
    "funding:sponsor_add": Page(
        "/program/sponsor/baru/", method="post", owner_status=400, region_free="creates in the caller's own region"
    ),
    "funding:budget_line_add": Page(
        "/program/sponsor/anggaran/",
        method="post",
        owner_status=302,
        data=(("sponsor", "{sponsor}"), ("fiscal_year", "2027"), ("amount", "1000000"), ("revision", "main")),
    ),
    "enrolment:cohort_review": Page("/program/{programme}/kohort/bangun/"),
    "enrolment:cohort_build": Page("/program/{programme}/kohort/bangun/mulai/", method="post", owner_status=302),
    "enrolment:cohort_job": Page("/program/{programme}/kohort/tugas/{cohort_job}/"),
    "reconcile:runs": Page("/program/{programme}/rekonsiliasi/"),
    "reconcile:upload": Page("/program/{programme}/rekonsiliasi/unggah/", method="post", owner_status=302),
    "reconcile:run": Page("/program/{programme}/rekonsiliasi/{reconciliation}/"),
    # The probe run is queued: no report to export yet.
    "reconcile:export": Page("/program/{programme}/rekonsiliasi/{reconciliation}/unduh/", owner_status=404),
}


@dataclass(frozen=True)
class Operation:
    path: str
    region_free: str = ""
    owner_status: int = 200
    # A JSON body (placeholders as in ``path``); the outsider's refusal when it is not 403/404 (a write
    # into a village outside the caller's region is refused as invalid input: 422).
    json: str = ""
    outsider_status: tuple[int, ...] = (403, 404)
    # A file posted as the multipart field ``file`` (a CSV's text).
    upload: str = ""


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
    ("post", "/api/v1/calc/late"): Operation("/api/v1/calc/late", region_free="pure rules", owner_status=400),
    ("get", "/api/v1/imports"): Operation("/api/v1/imports", region_free="scoped list: tested in registry test_api"),
    ("get", "/api/v1/imports/{job_id}/report"): Operation("/api/v1/imports/{job}/report", owner_status=404),
    ("get", "/api/v1/workers"): Operation("/api/v1/workers", region_free="scoped list: tested in registry test_api"),
    ("get", "/api/v1/workers/{worker_id}"): Operation("/api/v1/workers/{worker}"),
    ("post", "/api/v1/workers"): Operation(
        "/api/v1/workers",
        owner_status=201,
        json='{{"nik": "3328015203900009", "name": "Siti Aminah", "village_code": "33.28.01.2001"}}',
        outsider_status=(422,),
    ),
    ("patch", "/api/v1/workers/{worker_id}"): Operation("/api/v1/workers/{worker}", json='{{"phone": "081234567890"}}'),
    ("post", "/api/v1/plan/budget"): Operation(
        "/api/v1/plan/budget", region_free="pure rules", json='{{"budget": "1000000", "months": 1, "on": "2025-06-01"}}'
    ),
    ("get", "/api/v1/programmes"): Operation("/api/v1/programmes", region_free="scoped list: funding test_api"),
    ("post", "/api/v1/programmes"): Operation(
        "/api/v1/programmes",
        owner_status=201,
        json='{{"region": "33.28", "name": "P", "segment": "bpu", "start": "2099-01-01", "months": 12}}',
    ),
    ("get", "/api/v1/programmes/{programme_id}"): Operation("/api/v1/programmes/{programme}"),
    ("get", "/api/v1/programmes/{programme_id}/plan"): Operation("/api/v1/programmes/{programme}/plan"),
    ("post", "/api/v1/programmes/{programme_id}/cohort"): Operation("/api/v1/programmes/{programme}/cohort"),
    ("get", "/api/v1/programmes/{programme_id}/memberships"): Operation("/api/v1/programmes/{programme}/memberships"),
    ("post", "/api/v1/programmes/{programme_id}/memberships"): Operation(
        "/api/v1/programmes/{programme}/memberships",
        owner_status=201,
        json='{{"nik": "3328015203900002", "reason": "susulan musyawarah desa"}}',
    ),
    ("post", "/api/v1/memberships/{membership_id}/status"): Operation(
        "/api/v1/memberships/{membership}/status", json='{{"status": "cancelled", "reason": "meninggal dunia"}}'
    ),
    ("get", "/api/v1/programmes/{programme_id}/registration.xlsx"): Operation(
        "/api/v1/programmes/{programme}/registration.xlsx"
    ),
    ("post", "/api/v1/programmes/{programme_id}/answer"): Operation(
        "/api/v1/programmes/{programme}/answer", upload="NIK;Nama;Status\n3328015203900001;Siti;Y\n"
    ),
    ("post", "/api/v1/programmes/{programme_id}/reconciliations"): Operation(
        "/api/v1/programmes/{programme}/reconciliations",
        owner_status=202,
        upload="NIK;KPJ;Status;Iuran Terakhir\n3328015203900001;11111111111;Aktif;01/2027\n",
    ),
    ("get", "/api/v1/programmes/{programme_id}/reconciliations"): Operation(
        "/api/v1/programmes/{programme}/reconciliations"
    ),
    ("get", "/api/v1/programmes/{programme_id}/reconciliations/{run_id}"): Operation(
        "/api/v1/programmes/{programme}/reconciliations/{reconciliation}"
    ),
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
    # ninja registers one URL name per API operation; those are probed through OPERATIONS.
    patterns = _named_patterns(get_resolver())
    api_paths = {n for n in names if n.startswith("api:") and n not in PAGES}
    assert names - api_paths == set(PAGES), "add the new view to PAGES with its scoping probe"
    assert len({patterns[n] for n in api_paths}) == len({p for _, p in OPERATIONS})


def test_every_api_operation_is_in_the_matrix():
    assert _api_operations() == set(OPERATIONS), "add the new endpoint to OPERATIONS with its scoping probe"


def _tegal_job(user) -> str:
    from django.utils import timezone

    from jaring.imports.models import ImportJob

    job = ImportJob.objects.create(
        user=user, region_id="33.28", original_name="desa.xlsx", source="uji", created_at=timezone.now()
    )
    return str(job.pk)


def _tegal_export(user) -> str:
    from django.utils import timezone

    from jaring.registry.models import WorkerExport

    return str(WorkerExport.objects.create(user=user, region_id="33.28", created_at=timezone.now()).pk)


def _op_path(op: Operation, tegal_operator) -> str:
    return op.path.format(**_values(Page(op.path), tegal_operator))


def _op_call(client: Client, method: str, op: Operation, path: str):
    if op.upload:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return getattr(client, method)(path, {"file": SimpleUploadedFile("jawaban.csv", op.upload.encode())})
    if not op.json:
        return getattr(client, method)(path)
    return getattr(client, method)(path, op.json.format(), content_type="application/json")


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
    if "{export}" in page.path:
        values["export"] = _tegal_export(tegal_operator)
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
    if "{move}" in page.path:
        values["move"] = _tegal_move_request()
    if "{programme}" in page.path or "{membership}" in page.path or "{sponsor}" in str(page.data):
        values |= _tegal_programme(tegal_operator)
    return values


def _tegal_programme(user) -> dict[str, object]:
    """A Tegal programme whose budget bought one worker (proposed; a second worker waits outside it), a
    (queued, fileless) BPJS exchange job, a queued cohort job and a queued reconciliation of it."""
    from decimal import Decimal

    from django.utils import timezone

    from jaring.billing.models_reconcile import ReconciliationRun
    from jaring.enrolment.models import CohortJob, ExchangeJob
    from jaring.enrolment.services import cohort_enrol
    from jaring.funding.services import ProgrammeInput, programme_create
    from jaring.registry.services import WorkerInput, worker_register

    for nik in ("3328015203900001", "3328015203900002"):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code="33.28.01.2001", birth_date=date(1990, 3, 12))
        worker_register(actor=user, data=data)
    inp = ProgrammeInput(
        region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12, budget=Decimal(201_600)
    )
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    now = timezone.now()
    exchange = ExchangeJob.objects.create(
        user=user, region_id="33.28", programme=programme, kind="export", created_at=now
    )
    cohort_job = CohortJob.objects.create(user=user, region_id="33.28", programme=programme, created_at=now)
    reconciliation = ReconciliationRun.objects.create(
        user=user, region_id="33.28", programme=programme, on=date(2027, 2, 1), created_at=now
    )
    return {
        "programme": programme.pk,
        "membership": programme.memberships.get().pk,
        "exchange": str(exchange.pk),
        "sponsor": programme.sponsors.get().sponsor_id,
        "cohort_job": cohort_job.pk,
        "reconciliation": str(reconciliation.pk),
    }


def _tegal_move_request() -> int:
    """A Tegal worker that an import of Kabupaten Bekasi asked to move: Tegal decides, Bekasi may not."""
    from django.utils import timezone

    from jaring.regions.models import Region
    from jaring.registry.models import Worker, WorkerMoveRequest

    now = timezone.now()
    bekasi_village = Region.objects.filter(level=4, code__startswith="32.16.").order_by("code")[0]
    worker = Worker.objects.create(
        nik="3328015203900009", name="Siti", search_name="siti", sex="F", village_id="33.28.01.2001",
        created_at=now, updated_at=now,
    )  # fmt: skip
    return WorkerMoveRequest.objects.create(
        worker=worker, from_region_id="33.28.01.2001", to_village=bekasi_village, requested_region_id="32.16",
        proposed={"name": "Siti"}, created_at=now,
    ).pk  # fmt: skip


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
    op = OPERATIONS[key]
    response = _op_call(Client(), method, op, _op_path(op, tegal_operator))
    assert response.status_code == 401


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_api_is_scoped_to_the_region(key, tegal_operator, bekasi_operator):
    method, _ = key
    op = OPERATIONS[key]
    path = _op_path(op, tegal_operator)
    owner = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    outsider = Client(headers={"Authorization": f"Bearer {api_token_create(user=bekasi_operator, name='t').plaintext}"})
    if not op.region_free:
        # The outsider goes first, as for pages: the owner's write may consume the probe (a NIK).
        assert _op_call(outsider, method, op, path).status_code in op.outsider_status
    assert _op_call(owner, method, op, path).status_code == op.owner_status


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
