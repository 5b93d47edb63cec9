"""A village meeting's name list as a durable job (ADR 0009) when it is long: WeasyPrint needs 4–9 s for 300
names, too long for a request. The job renders the PDF under var/, owner-only; its page offers the download.

Who may start, follow and take a list is decided as for the list served at once: the programme and the
village through ``access_programme`` and ``access_programme_village``; full NIKs only for those who may edit
the programme. The worker checks the starter's rights again before it renders.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope
from jaring.audit.services import audit_record
from jaring.enrolment.documents import LISTED, village_list_file_name, village_list_pdf
from jaring.enrolment.models import DocumentJob, Membership
from jaring.enrolment.selectors import access_programme_village
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.jobs.runner import JobRefused, Report, job_enqueue
from jaring.regions.models import Region


def village_list_size(programme: Programme, village: Region) -> int:
    return Membership.objects.filter(programme=programme, status__in=LISTED, worker__village_id=village.code).count()


def village_list_needs_job(programme: Programme, village: Region) -> bool:
    return village_list_size(programme, village) > settings.JARING_VILLAGE_LIST_JOB_NAMES


def document_dir(job_id: str) -> Path:
    # Names and NIKs: under var/ (outside the code tree), owner-only.
    return Path(settings.VAR_DIR) / "dokumen" / job_id


def document_path(job: DocumentJob) -> Path:
    return document_dir(str(job.pk)) / village_list_file_name(job.village_id)


@transaction.atomic
def village_list_job_start(*, actor: Any, programme: Programme, village: Region, full_nik: bool) -> DocumentJob:
    """For a user already let through ``access_programme_village``; ``full_nik`` as the view decided it."""
    job = DocumentJob.objects.create(
        user=actor, region_id=programme.region_id, programme=programme, village=village, full_nik=full_nik,
        created_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        actor=actor, action="document.village_list.start", obj=job, region_code=village.code,
        summary={"programme": programme.pk, "village": village.code, "full_nik": full_nik},
    )  # fmt: skip
    job_enqueue(job)
    return job


def document_jobs_for(user: Any, programme: Programme, village: Region) -> list[DocumentJob]:
    """The village's recent lists this user may take (masked ones only, unless the user may edit)."""
    jobs = DocumentJob.objects.filter(programme=programme, village=village)
    if not may_edit_programme(user, programme):
        jobs = jobs.filter(full_nik=False)
    return list(jobs.select_related("user")[:5])


def access_document_job(user: Any, programme: Programme, job_id: str) -> DocumentJob:
    """The job of a programme the caller reached through access_programme, if its village is in the user's
    reach and its NIKs are ones the user may read; otherwise as unknown."""
    job = DocumentJob.objects.filter(pk=job_id, programme=programme).select_related("village").first()
    if job is None:
        raise NotInScope("Tugas penyusunan dokumen tidak ditemukan.")
    access_programme_village(user, programme, job.village_id)
    if job.full_nik and not may_edit_programme(user, programme):
        raise NotInScope("Tugas penyusunan dokumen tidak ditemukan.")
    return job


@transaction.atomic
def document_file_download(*, actor: Any, job: DocumentJob) -> Path:
    """Handing out the list is audited as the list served at once is (who took which village's list)."""
    path = document_path(job)
    if not path.exists():
        raise NotInScope("Dokumen belum ada (belum selesai atau gagal).")
    audit_record(
        actor=actor, action="document.village_list", obj=job.programme, region_code=job.village_id,
        summary={"village": job.village_id, "full_nik": job.full_nik, "bytes": path.stat().st_size, "job": str(job.pk)},
    )  # fmt: skip
    return path


def village_list_job_run(job: DocumentJob, report: Report) -> dict[str, Any]:
    user = job.user
    if user is None or not user.is_active:
        raise JobRefused("Akun yang memulai tugas ini tidak aktif lagi.")
    try:
        # Checked again now: the starter may have lost the programme, the village or the full NIKs meanwhile.
        programme = access_programme(user, job.programme_id)
        village = access_programme_village(user, programme, job.village_id)
    except NotInScope as exc:
        raise JobRefused("Program atau desa ini tidak lagi dalam jangkauan akun yang memulai tugas.") from exc
    if job.full_nik and not may_edit_programme(user, programme):
        raise JobRefused("Akun yang memulai tugas ini tidak berhak lagi melihat NIK lengkap.")
    names = village_list_size(programme, village)
    report("read", names, names)
    report("render", 0, names)
    content = village_list_pdf(programme, village, full_nik=job.full_nik)
    folder = document_dir(str(job.pk))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    fd = os.open(document_path(job), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return {"names": names, "bytes": len(content)}


def document_files_remove(job: DocumentJob) -> None:
    shutil.rmtree(document_dir(str(job.pk)), ignore_errors=True)
