"""The import pages as an operator reads them: Indonesian reasons, 30.000 not 30000, headings that fit."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from jaring.imports.models import ImportJob, JobStatus
from jaring.imports.schema import rule_table

pytestmark = pytest.mark.django_db

SUMMARY = {
    "rows": 30000,
    "created": 27591,
    "updated": 1,
    "unchanged": 0,
    "rejected": 2134,
    "duplicates_in_file": 274,
    "possible_duplicates": 1281,
    "warnings": 0,
    "seconds": 2.1,
    "committed": True,
    "errors_by_rule": {"NIK.LENGTH": 1458, "NAME.EMPTY": 676},
}


def _job(user, **fields) -> ImportJob:
    values = {"status": JobStatus.DONE, "summary": SUMMARY, **fields}
    return ImportJob.objects.create(
        user=user,
        region_id=user.region_id,
        original_name="desa.xlsx",
        source="Musdes",
        created_at=timezone.now(),
        **values,
    )


def test_a_finished_job_counts_with_separators_and_explains_each_rejection(client_for, tegal_operator):
    job = _job(tegal_operator)
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    for shown in ("30.000", "27.591", "2.134", "1.281", "1.458"):
        assert shown in html
    assert "30000" not in html
    assert "NIK harus terdiri dari 16 digit" in html
    assert "Nama kosong." in html


def test_the_history_counts_with_separators_and_a_queued_job_shows_dashes(client_for, tegal_operator):
    _job(tegal_operator)
    _job(tegal_operator, status=JobStatus.QUEUED, summary={})
    html = client_for(tegal_operator).get("/impor/").content.decode()
    assert "30.000" in html
    assert "27.591" in html
    assert "—" in html


def test_every_row_rejected_without_strict_mode_is_not_called_strict(client_for, tegal_operator):
    summary = {**SUMMARY, "rows": 1, "created": 0, "rejected": 1, "committed": False}
    job = _job(tegal_operator, summary=summary, strict=False)
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Mode ketat" not in html
    assert "Impor selesai" in html
    strict = _job(tegal_operator, summary=summary, strict=True)
    assert "Mode ketat" in client_for(tegal_operator).get(f"/impor/{strict.pk}/").content.decode()


def test_a_running_job_still_reading_shows_no_zero_of_zero(client_for, tegal_operator):
    job = _job(tegal_operator, status=JobStatus.RUNNING, stage="read", done=0, total=0, summary={})
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Membaca berkas" in html
    assert "0 / 0" not in html
    job.stage, job.done, job.total = "registry", 1500, 30000
    job.save()
    assert "1.500 / 30.000" in client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    # A stage that reports only its start: the rows it works on, never "0 / 30.000".
    job.stage, job.done = "dedupe", 0
    job.save()
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Mencari duplikat — 30.000 baris" in html
    assert "0 / 30.000" not in html


def test_a_rule_added_later_still_shows_its_code():
    from jaring.imports.templatetags.import_format import rule_reason, summary_text

    assert rule_reason("RULE.FROM.THE.FUTURE") == "RULE.FROM.THE.FUTURE"
    assert summary_text('Kode provinsi "{value}" tidak dikenal. Tertulis: "{raw}".') == "Kode provinsi tidak dikenal."


def test_a_filed_move_request_is_counted_with_a_link_to_the_requests(client_for, bekasi_operator):
    summary = {**SUMMARY, "rows": 1, "created": 0, "rejected": 1, "errors_by_rule": {"NIK.OUT_OF_SCOPE": 1}}
    job = _job(bekasi_operator, summary={**summary, "move_requests": 1})
    html = client_for(bekasi_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Permintaan pindah diajukan" in html
    assert 'href="/pekerja/pindah/"' in html
    assert "NIK ini sudah terdaftar untuk pekerja di luar wilayah Anda" in html


@pytest.mark.parametrize(
    "code", sorted({r["code"] for r in rule_table(date(2026, 1, 1))} | {"NIK.PRECISION", "NIK.OUT_OF_SCOPE"})
)
def test_every_code_has_an_indonesian_reason_on_the_page(code):
    from jaring.imports.templatetags.import_format import rule_reason

    reason = rule_reason(code)
    assert reason != code
    assert "{" not in reason
    assert reason.endswith(".")
