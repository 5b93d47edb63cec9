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
from jaring.tests.tegal_objects import tegal_bills, tegal_move_request, tegal_programme, tegal_sponsor_user

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
    "continuity:continuity": Page(
        "/tagihan/kelangsungan/", region_free="scoped lists: tested in billing test_continuity_pages"
    ),
    "continuity:renewal_export": Page(
        "/tagihan/kelangsungan/perpanjangan.xlsx", region_free="scoped lists: tested in billing test_continuity_pages"
    ),
    "continuity:village_arrears": Page(
        "/tagihan/tunggakan-desa/", region_free="scoped lists: tested in billing test_continuity_pages"
    ),
    "continuity:village_arrears_export": Page(
        "/tagihan/tunggakan-desa/ekspor.xlsx", region_free="scoped lists: tested in billing test_continuity_pages"
    ),
    "coverage:home": Page("/cakupan/", region_free="redirects to the user's own region", owner_status=302),
    "coverage:dashboard": Page("/cakupan/33.28/"),
    "coverage:pdf": Page("/cakupan/33.28/laporan.pdf"),
    "coverage:xlsx": Page("/cakupan/33.28/wilayah.xlsx"),
    "coverage:published": Page("/cakupan/33.28/angka-terbit/"),
    "coverage:targets": Page("/cakupan/33.28/target/"),
    "coverage:target_remove": Page("/cakupan/33.28/target/2026/hapus/", method="post", owner_status=302),
    "coverage:published_xlsx": Page("/cakupan/33.28/angka-terbit.xlsx"),
    "coverage:xlsx_indicators": Page("/cakupan/33.28/indikator.xlsx"),
    "coverage:xlsx_occupations": Page("/cakupan/33.28/pekerjaan.xlsx"),
    "coverage:xlsx_sponsors": Page("/cakupan/33.28/pemberi-dana.xlsx"),
    "coverage:xlsx_lapses": Page("/cakupan/33.28/terhenti.xlsx"),
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
    "documents:village_list_start": Page(
        "/program/{programme}/dokumen/desa/33.28.01.2001/siapkan/", method="post", owner_status=302
    ),
    "documents:job": Page("/program/{programme}/dokumen/tugas/{document_job}/"),
    "documents:job_download": Page("/program/{programme}/dokumen/tugas/{document_job}/unduh/", owner_status=404),
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
    "funding:sponsor_member_add": Page(
        "/program/sponsor/{sponsor}/pengguna/",
        method="post",
        owner="tegal_admin",
        owner_status=302,
        data=(("user", "{sponsor_user}"),),
    ),
    "funding:sponsor_member_remove": Page(
        "/program/sponsor/{sponsor}/pengguna/{sponsor_member}/lepas/",
        method="post",
        owner="tegal_admin",
        owner_status=302,
    ),
    "enrolment:cohort_review": Page("/program/{programme}/kohort/bangun/"),
    "enrolment:cohort_build": Page("/program/{programme}/kohort/bangun/mulai/", method="post", owner_status=302),
    "enrolment:cohort_job": Page("/program/{programme}/kohort/tugas/{cohort_job}/"),
    # Bills and payments (issue 11): a Tegal sponsor's bills; per role in test_billing_per_role below.
    "billing:sponsors": Page("/tagihan/", region_free="scoped list: billing test_pages"),
    "billing:sponsors_export": Page("/tagihan/ekspor/", region_free="the same scoped list: billing test_pages"),
    "billing:month_export": Page("/tagihan/bulan/ekspor/?month=2026-01", region_free="scoped list: test_pages"),
    "billing:sponsor_bills": Page("/tagihan/sponsor/{bill_sponsor}/"),
    "billing:sponsor_bills_export": Page("/tagihan/sponsor/{bill_sponsor}/ekspor/"),
    "billing:payments": Page("/tagihan/sponsor/{bill_sponsor}/pembayaran/"),
    "billing:payments_export": Page("/tagihan/sponsor/{bill_sponsor}/pembayaran/ekspor/"),
    # The probe's proof file is not on disk: its owner hears so (404); billing test_pages downloads a real one.
    "billing:payment_proof": Page("/tagihan/pembayaran/{payment}/bukti/", owner_status=404),
    "billing:bill": Page("/tagihan/{bill}/"),
    "billing:bill_export": Page("/tagihan/{bill}/ekspor/"),
    "billing:run": Page("/tagihan/buat/", region_free="form; the run bills the caller's own region's sponsors"),
    "billing:job": Page("/tagihan/tugas/{billing_job}/"),
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
    # The probe's own queued cohort job holds the programme: the owner is told it is busy (409), the outsider
    # never learns that much (403/404). Started and run: enrolment test_api.
    ("post", "/api/v1/programmes/{programme_id}/cohort"): Operation(
        "/api/v1/programmes/{programme}/cohort", owner_status=409
    ),
    ("get", "/api/v1/programmes/{programme_id}/cohort/jobs/{job_id}"): Operation(
        "/api/v1/programmes/{programme}/cohort/jobs/{cohort_job}"
    ),
    ("get", "/api/v1/programmes/{programme_id}/memberships"): Operation("/api/v1/programmes/{programme}/memberships"),
    ("post", "/api/v1/programmes/{programme_id}/memberships"): Operation(
        "/api/v1/programmes/{programme}/memberships",
        owner_status=201,
        json='{{"nik": "3328015203900002", "reason": "susulan musyawarah desa"}}',
    ),
    ("post", "/api/v1/memberships/{membership_id}/status"): Operation(
        "/api/v1/memberships/{membership}/status", json='{{"status": "cancelled", "reason": "meninggal dunia"}}'
    ),
    ("post", "/api/v1/programmes/{programme_id}/registration"): Operation(
        "/api/v1/programmes/{programme}/registration", owner_status=202
    ),
    ("post", "/api/v1/programmes/{programme_id}/answer"): Operation(
        "/api/v1/programmes/{programme}/answer", upload="NIK;Nama;Status\n3328015203900001;Siti;Y\n", owner_status=202
    ),
    ("get", "/api/v1/programmes/{programme_id}/jobs/{job_id}"): Operation(
        "/api/v1/programmes/{programme}/jobs/{exchange}"
    ),
    # The probe's exchange job is queued and fileless: the owner reaches it, finds no file.
    ("get", "/api/v1/programmes/{programme_id}/jobs/{job_id}/file"): Operation(
        "/api/v1/programmes/{programme}/jobs/{exchange}/file", owner_status=404
    ),
    ("get", "/api/v1/coverage/{region}"): Operation("/api/v1/coverage/33.28?month=2026-01"),
    ("get", "/api/v1/bills"): Operation("/api/v1/bills", region_free="scoped list: billing test_api"),
    ("get", "/api/v1/bills/{bill_id}"): Operation("/api/v1/bills/{bill}"),
    ("post", "/api/v1/billing/runs"): Operation(
        "/api/v1/billing/runs", owner_status=202, json='{{"month": "2026-01", "sponsor": {bill_sponsor}}}'
    ),
    ("get", "/api/v1/billing/runs/{job_id}"): Operation("/api/v1/billing/runs/{billing_job}"),
    ("get", "/api/v1/payments"): Operation("/api/v1/payments", region_free="scoped list: billing test_api"),
    ("post", "/api/v1/payments"): Operation(
        "/api/v1/payments",
        owner_status=201,
        json='{{"sponsor": {bill_sponsor}, "amount": "1.000", "paid_on": "2026-03-01"}}',
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


def _op_values(op: Operation, tegal_operator) -> dict[str, object]:
    # The body's placeholders too (a sponsor's number): one set of objects for the path and the body.
    return _values(Page(op.path + op.json), tegal_operator)


def _op_path(op: Operation, tegal_operator) -> str:
    return op.path.format(**_op_values(op, tegal_operator))


def _op_call(client: Client, method: str, op: Operation, path: str, values: dict[str, object] | None = None):
    if op.upload:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return getattr(client, method)(path, {"file": SimpleUploadedFile("jawaban.csv", op.upload.encode())})
    if not op.json:
        return getattr(client, method)(path)
    return getattr(client, method)(path, op.json.format(**(values or {})), content_type="application/json")


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
        values["move"] = tegal_move_request()
    if "{programme}" in page.path or "{membership}" in page.path or "{sponsor}" in page.path + str(page.data):
        values |= tegal_programme(tegal_operator)
    if "{sponsor_user}" in str(page.data) or "{sponsor_member}" in page.path:
        values |= tegal_sponsor_user(int(str(values["sponsor"])))
    if any(f"{{{name}}}" in page.path for name in ("bill", "bill_sponsor", "billing_job", "payment")):
        values |= tegal_bills(tegal_operator)
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
    op = OPERATIONS[key]
    values = _op_values(op, tegal_operator)
    response = _op_call(Client(), method, op, op.path.format(**values), values)
    assert response.status_code == 401


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_api_is_scoped_to_the_region(key, tegal_operator, bekasi_operator):
    method, _ = key
    op = OPERATIONS[key]
    values = _op_values(op, tegal_operator)
    path = op.path.format(**values)
    owner = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    outsider = Client(headers={"Authorization": f"Bearer {api_token_create(user=bekasi_operator, name='t').plaintext}"})
    if not op.region_free:
        # The outsider goes first, as for pages: the owner's write may consume the probe (a NIK).
        assert _op_call(outsider, method, op, path, values).status_code in op.outsider_status
    assert _op_call(owner, method, op, path, values).status_code == op.owner_status
