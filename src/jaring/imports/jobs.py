"""Background import jobs: a thread of the web process per upload, with live progress in memory."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, transaction
from django.utils import timezone

from jaring.accounts.access import require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.imports import progress
from jaring.imports.models import ImportJob, JobStatus
from jaring.imports.services import import_workers

log = logging.getLogger(__name__)
ALLOWED_SUFFIXES = {".csv", ".xlsx"}
# Run jobs inline after commit instead of on a thread (tests: a thread would not see their transaction).
RUN_INLINE = False


def job_dir(job_id: str) -> Path:
    # Uploads hold personal data: kept under var/ (outside the code tree), never in exports.
    return Path(settings.VAR_DIR) / "imports" / job_id


def report_path(job: ImportJob) -> Path:
    return job_dir(str(job.pk)) / "laporan-gagal.xlsx"


@transaction.atomic
def import_job_start(*, actor: Any, upload: UploadedFile[bytes], source: str, strict: bool, dry_run: bool) -> ImportJob:
    require_capability(actor, Cap.WORKERS_IMPORT)
    name = Path(upload.name or "berkas").name
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise ValueError("Berkas harus .xlsx atau .csv.")
    job = ImportJob.objects.create(
        user=actor,
        region_id=scope_code(actor),
        original_name=name,
        source=source or name,
        strict=strict,
        dry_run=dry_run,
        created_at=timezone.now(),
    )
    folder = job_dir(str(job.pk))
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"unggahan{Path(name).suffix.lower()}").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    audit_record(
        actor=actor,
        action="import.start",
        obj=job,
        region_code=job.region_id or "",
        summary={"file": name, "source": job.source, "strict": strict, "dry_run": dry_run},
    )
    progress.report(str(job.pk), "read", 0, 0)
    if RUN_INLINE:
        transaction.on_commit(lambda: run_job(str(job.pk)))
    else:
        transaction.on_commit(lambda: threading.Thread(target=_run_in_thread, args=(str(job.pk),), daemon=True).start())
    return job


def _run_in_thread(job_id: str) -> None:
    # A thread gets its own database connection; close it so it does not outlive the job.
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        close_old_connections()


def run_job(job_id: str) -> None:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    upload = next(job_dir(job_id).glob("unggahan.*"))
    try:
        summary = import_workers(
            actor=job.user,
            path=upload,
            scope_code=job.region_id,
            source=job.source,
            strict=job.strict,
            dry_run=job.dry_run,
            report_path=report_path(job),
            original_name=job.original_name,
            progress=lambda stage, done, total: progress.report(job_id, stage, done, total),
        )
        ImportJob.objects.filter(pk=job_id).update(
            status=JobStatus.DONE,
            summary={**summary.as_json(), "committed": summary.committed},
            finished_at=timezone.now(),
        )
    except Exception as exc:  # a job must end in a visible state, whatever went wrong
        log.exception("import job %s failed", job_id)
        message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
        ImportJob.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())
    finally:
        progress.forget(job_id)
        # The upload holds personal data; the failure report (rejected rows only) stays for download.
        upload.unlink(missing_ok=True)


def job_files_remove(job: ImportJob) -> None:
    shutil.rmtree(job_dir(str(job.pk)), ignore_errors=True)
