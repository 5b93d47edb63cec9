"""Import jobs: an upload stored privately under var/, run by the durable job worker (jaring.jobs)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from jaring.accounts.access import require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.imports.headers import FileRejected
from jaring.imports.models import ImportJob
from jaring.imports.reader import UPLOAD_SUFFIXES, format_refusal
from jaring.imports.services import ImportSummary, file_name_text, import_workers, source_problem, source_text
from jaring.jobs.runner import JobRefused, Report, job_enqueue, job_run_here


def job_dir(job_id: str) -> Path:
    # Uploads hold personal data: kept under var/ (outside the code tree), never in exports.
    return Path(settings.VAR_DIR) / "imports" / job_id


def report_path(job: ImportJob) -> Path:
    return job_dir(str(job.pk)) / "laporan-gagal.xlsx"


def upload_path(job: ImportJob) -> Path | None:
    return next(job_dir(str(job.pk)).glob("unggahan.*"), None)


@transaction.atomic
def import_job_start(*, actor: Any, upload: UploadedFile[bytes], source: str, strict: bool, dry_run: bool) -> ImportJob:
    """An upload from the page or the API, stored privately and queued for the job worker."""
    require_capability(actor, Cap.WORKERS_IMPORT)
    name = Path(upload.name or "berkas").name
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise ValueError(format_refusal(Path(name).suffix.lower()))
    limit = settings.JARING_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValueError(
            f"Berkas terlalu besar ({filesizeformat(upload.size)}); batasnya {filesizeformat(limit)}. "
            "Pecah daftar menjadi beberapa berkas, mis. per desa."
        )
    job = _job_create(actor=actor, scope=scope_code(actor), name=name, source=source, strict=strict, dry_run=dry_run)
    _store_upload(job, upload.chunks(), Path(name).suffix.lower())
    job_enqueue(job)
    return job


def import_job_run_here(
    *,
    actor: Any,
    path: Path,
    scope: str | None,
    source: str,
    strict: bool = False,
    dry_run: bool = False,
    report_to: Path | None = None,
    observer: Report | None = None,
) -> tuple[ImportJob, ImportSummary | None]:
    """A file on this machine (the command line, the demo) imported now, in this process, as a job: its row
    shows progress on the import page like an upload's. The failure report goes to `report_to`, or beside
    the job where the page offers it for download. `actor` None is the server's own operator (the CLI)."""
    if actor is not None:
        require_capability(actor, Cap.WORKERS_IMPORT)
    job = _job_create(actor=actor, scope=scope, name=path.name, source=source, strict=strict, dry_run=dry_run)
    done: list[ImportSummary] = []

    if report_to is None:
        job_dir(str(job.pk)).mkdir(parents=True, exist_ok=True, mode=0o700)

    def run(report: Report) -> dict[str, Any]:
        done.append(_import(job, path, report_to or report_path(job), report))
        return done[0].as_json()

    job_run_here(ImportJob, str(job.pk), run, observer=observer)
    job.refresh_from_db()
    return job, (done[0] if done else None)


@transaction.atomic
def _job_create(*, actor: Any, scope: str | None, name: str, source: str, strict: bool, dry_run: bool) -> ImportJob:
    if problem := source_problem(source):
        raise ValueError(problem)
    job = ImportJob.objects.create(
        user=actor,
        region_id=scope,
        original_name=file_name_text(name),
        source=source_text(source or name),
        strict=strict,
        dry_run=dry_run,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="import.start",
        obj=job,
        region_code=job.region_id or "",
        summary={"file": job.original_name, "source": job.source, "strict": strict, "dry_run": dry_run},
    )
    return job


def _store_upload(job: ImportJob, chunks: Iterator[bytes], suffix: str) -> None:
    folder = job_dir(str(job.pk))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    # Owner-only from the first byte: the file holds NIKs, names and addresses.
    fd = os.open(folder / f"unggahan{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in chunks:
            out.write(chunk)


def import_job_run(job: ImportJob, report: Report) -> dict[str, Any]:
    """The job handler of an upload: the import service on the stored file, then the file is removed."""
    try:
        upload = upload_path(job)
        if upload is None:
            raise JobRefused("Berkas unggahan tidak ditemukan lagi; unggah ulang berkasnya.")
        return _import(job, upload, report_path(job), report).as_json()
    finally:
        job_files_clear_upload(job)


def _import(job: ImportJob, path: Path, report_to: Path, report: Report) -> ImportSummary:
    try:
        summary = import_workers(
            actor=job.user,
            path=path,
            scope_code=job.region_id,
            source=job.source,
            strict=job.strict,
            dry_run=job.dry_run,
            report_path=report_to,
            original_name=job.original_name,
            progress=report,
            job_id=job.pk,
        )
    except FileRejected as exc:
        raise JobRefused(exc.message) from exc
    # With the job, not in this process: the page shows these rows whichever process serves it, later.
    ImportJob.objects.filter(pk=job.pk).update(examples=summary.examples)
    return summary


def job_files_clear_upload(job: ImportJob) -> None:
    """The upload holds personal data: gone when the job ends, whatever the outcome."""
    upload = upload_path(job)
    if upload is not None:
        upload.unlink(missing_ok=True)


def job_files_remove(job: ImportJob) -> None:
    shutil.rmtree(job_dir(str(job.pk)), ignore_errors=True)
