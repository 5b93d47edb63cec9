"""The BPJS exchange as durable jobs (ADR 0009): the registration file written under var/, BPJS's answer
uploaded, stored privately and applied, with its problems kept for the result page and an .xlsx."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, scope_code
from jaring.audit.services import audit_record
from jaring.enrolment.answer import AnswerRefused, answer_apply
from jaring.enrolment.exchange import ExchangeRefused, registration_export
from jaring.enrolment.models import ExchangeJob, ExchangeKind
from jaring.funding.models import Programme
from jaring.funding.selectors import may_edit_programme
from jaring.imports.reader import UPLOAD_SUFFIXES, format_refusal
from jaring.jobs.runner import JobRefused, Report, job_enqueue

REGISTRATION_FILE = "pendaftaran-bpjs.xlsx"
PROBLEMS_FILE = "masalah-jawaban-bpjs.xlsx"
SHOWN_PROBLEMS = 100


def exchange_dir(job_id: str) -> Path:
    # NIKs, names and addresses: under var/ (outside the code tree), owner-only.
    return Path(settings.VAR_DIR) / "bpjs" / job_id


def result_path(job: ExchangeJob) -> Path:
    return exchange_dir(str(job.pk)) / (REGISTRATION_FILE if job.kind == ExchangeKind.EXPORT else PROBLEMS_FILE)


def _folder(job: ExchangeJob) -> Path:
    folder = exchange_dir(str(job.pk))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


def may_see_exchange(user: Any, programme: Programme) -> bool:
    """The region's staff see the exchange (operators, BPJS, auditors, admins); a village or a sponsor does
    not: the files are the whole cohort's."""
    from jaring.accounts.roles import Role

    return user.role != Role.SPONSOR and (scope_code(user) is None or code_in_scope(user, programme.region_id))


def _require_edit(actor: Any, programme: Programme) -> None:
    if not may_edit_programme(actor, programme):
        raise PermissionDenied("Peran Anda tidak mengizinkan pertukaran berkas dengan BPJS untuk program ini.")


def _create(*, actor: Any, programme: Programme, kind: str, name: str = "") -> ExchangeJob:
    job = ExchangeJob.objects.create(
        user=actor, region_id=scope_code(actor), programme=programme, kind=kind, original_name=name[:255],
        created_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        actor=actor, action=f"cohort.{kind}.start", obj=job, region_code=programme.region_id,
        summary={"programme": programme.pk, "file": job.original_name},
    )  # fmt: skip
    return job


@transaction.atomic
def registration_export_start(*, actor: Any, programme: Programme) -> ExchangeJob:
    _require_edit(actor, programme)
    job = _create(actor=actor, programme=programme, kind=ExchangeKind.EXPORT)
    job_enqueue(job)
    return job


@transaction.atomic
def answer_upload_start(*, actor: Any, programme: Programme, upload: UploadedFile[bytes]) -> ExchangeJob:
    """BPJS's answer stored privately and queued; refused here, before a job exists, if it cannot be read."""
    _require_edit(actor, programme)
    name = Path(upload.name or "jawaban").name
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ExchangeRefused("FILE.TYPE", format_refusal(suffix))
    limit = settings.JARING_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        size, most = filesizeformat(upload.size), filesizeformat(limit)
        raise ExchangeRefused("FILE.TOO_LARGE", f"Berkas terlalu besar ({size}); batasnya {most}.")
    job = _create(actor=actor, programme=programme, kind=ExchangeKind.ANSWER, name=name)
    fd = os.open(_folder(job) / f"unggahan{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job_enqueue(job)
    return job


def exchange_jobs_for(user: Any, programme: Programme) -> QuerySet[ExchangeJob]:
    """The programme's exchanges; the caller reached the programme through access_programme."""
    return ExchangeJob.objects.filter(programme=programme).select_related("user")


def access_exchange_job(user: Any, programme: Programme, job_id: str) -> ExchangeJob:
    job = exchange_jobs_for(user, programme).filter(pk=job_id).first()
    if job is None:
        raise NotInScope("Tugas pertukaran berkas tidak ditemukan.")
    return job


@transaction.atomic
def exchange_file_download(*, actor: Any, job: ExchangeJob) -> Path:
    """The registration file holds full NIKs: only those who may exchange files take it, audited."""
    _require_edit(actor, job.programme)
    path = result_path(job)
    if not path.exists():
        raise NotInScope("Berkas tidak ada (belum selesai, gagal, atau tidak ada masalah).")
    audit_record(
        actor=actor, action=f"cohort.{job.kind}.download", obj=job, region_code=job.programme.region_id,
        summary={"programme": job.programme_id, "file": path.name},
    )  # fmt: skip
    return path


def exchange_file_name(job: ExchangeJob) -> str:
    """The name a downloaded result carries: what it is, the programme, when the job began."""
    stamp = f"{timezone.localtime(job.created_at):%Y%m%d-%H%M}"
    kind = "pendaftaran-bpjs" if job.kind == ExchangeKind.EXPORT else "masalah-jawaban-bpjs"
    return f"{kind}-{job.programme_id}-{stamp}.xlsx"


def exchange_job_run(job: ExchangeJob, report: Report) -> dict[str, Any]:
    user = job.user
    if user is None or not user.is_active:
        raise JobRefused("Akun yang memulai tugas ini tidak aktif lagi.")
    if not may_edit_programme(user, job.programme):
        # Checked again now: the starter may have lost the right while the job waited.
        raise JobRefused("Akun yang memulai tugas ini tidak berhak lagi mengubah program ini.")
    try:
        if job.kind == ExchangeKind.EXPORT:
            return _export(job, report)
        return _answer(job, report)
    except (ExchangeRefused, AnswerRefused) as exc:
        raise JobRefused(exc.message) from exc
    except NotInScope as exc:
        raise JobRefused("Program ini tidak lagi dalam wilayah akun yang memulai tugas.") from exc
    finally:
        if job.kind == ExchangeKind.ANSWER:
            for upload in exchange_dir(str(job.pk)).glob("unggahan.*"):
                upload.unlink(missing_ok=True)


def _export(job: ExchangeJob, report: Report) -> dict[str, Any]:
    report("write", 0, 0)
    path = result_path(job)
    result = registration_export(actor=job.user, programme=job.programme, path=_folder(job) / path.name)
    path.chmod(0o600)
    return {"rows": result.rows}


def _answer(job: ExchangeJob, report: Report) -> dict[str, Any]:
    report("apply", 0, 0)
    upload = next(exchange_dir(str(job.pk)).glob("unggahan.*"), None)
    if upload is None:
        raise JobRefused("Berkas jawaban tidak ditemukan lagi; unggah ulang berkasnya.")
    result = answer_apply(actor=job.user, programme=job.programme, path=upload)
    if result.problems:
        frame = pl.DataFrame(result.problems, schema=["Baris", "Kode", "Masalah"], orient="row")
        path = result_path(job)
        frame.write_excel(path, worksheet="Masalah", header_format={"bold": True}, autofit=True)
        path.chmod(0o600)
    return {
        **result.as_json(),
        "applied": result.applied,
        "problem_count": len(result.problems),
        "problems": [list(p) for p in result.problems[:SHOWN_PROBLEMS]],
    }


def exchange_files_remove(job: ExchangeJob) -> None:
    shutil.rmtree(exchange_dir(str(job.pk)), ignore_errors=True)
