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
from jaring.imports.services import file_name_text, import_workers, source_problem, source_text
from jaring.jobs.runner import JobRefused, Report, job_enqueue, job_execute

ALLOWED_SUFFIXES = {".csv", ".xlsx"}


def job_dir(job_id: str) -> Path:
    # Uploads hold personal data: kept under var/ (outside the code tree), never in exports.
    return Path(settings.VAR_DIR) / "imports" / job_id


def report_path(job: ImportJob) -> Path:
    return job_dir(str(job.pk)) / "laporan-gagal.xlsx"


def upload_path(job: ImportJob) -> Path | None:
    return next(job_dir(str(job.pk)).glob("unggahan.*"), None)


def import_job_start(*, actor: Any, upload: UploadedFile[bytes], source: str, strict: bool, dry_run: bool) -> ImportJob:
    """An upload from the page or the API, queued for the job worker."""
    name = Path(upload.name or "berkas").name
    limit = settings.JARING_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValueError(
            f"Berkas terlalu besar ({filesizeformat(upload.size)}); batasnya {filesizeformat(limit)}. "
            "Pecah daftar menjadi beberapa berkas, mis. per desa."
        )
    return _job_create(
        actor=actor, name=name, chunks=upload.chunks(), source=source, strict=strict, dry_run=dry_run, queue=True
    )


def import_job_run_file(*, actor: Any, path: Path, source: str, strict: bool = False) -> ImportJob:
    """A file already on the server (the demo), imported now in this process through the same job path."""
    with path.open("rb") as data:
        job = _job_create(
            actor=actor,
            name=path.name,
            chunks=iter(lambda: data.read(1 << 20), b""),
            source=source,
            strict=strict,
            dry_run=False,
            queue=False,
        )
    job_execute(ImportJob, str(job.pk))
    job.refresh_from_db()
    return job


@transaction.atomic
def _job_create(
    *, actor: Any, name: str, chunks: Iterator[bytes], source: str, strict: bool, dry_run: bool, queue: bool
) -> ImportJob:
    require_capability(actor, Cap.WORKERS_IMPORT)
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise ValueError("Berkas harus .xlsx atau .csv.")
    if problem := source_problem(source):
        raise ValueError(problem)
    job = ImportJob.objects.create(
        user=actor,
        region_id=scope_code(actor),
        original_name=file_name_text(name),
        source=source_text(source or name),
        strict=strict,
        dry_run=dry_run,
        created_at=timezone.now(),
    )
    _store_upload(job, chunks, Path(name).suffix.lower())
    audit_record(
        actor=actor,
        action="import.start",
        obj=job,
        region_code=job.region_id or "",
        summary={"file": name, "source": job.source, "strict": strict, "dry_run": dry_run},
    )
    if queue:
        job_enqueue(job)
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
    """The job handler: runs the import service on the stored upload, then removes the upload."""
    try:
        upload = upload_path(job)
        if upload is None:
            raise JobRefused("Berkas unggahan tidak ditemukan lagi; unggah ulang berkasnya.")
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
                progress=report,
            )
        except FileRejected as exc:
            raise JobRefused(exc.message) from exc
        return {**summary.as_json(), "committed": summary.committed}
    finally:
        job_files_clear_upload(job)


def job_files_clear_upload(job: ImportJob) -> None:
    """The upload holds personal data: gone when the job ends, whatever the outcome."""
    upload = upload_path(job)
    if upload is not None:
        upload.unlink(missing_ok=True)


def job_files_remove(job: ImportJob) -> None:
    shutil.rmtree(job_dir(str(job.pk)), ignore_errors=True)
