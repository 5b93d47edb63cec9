"""Building a cohort as a durable job (ADR 0009): the button queues it, the job worker runs cohort_enrol."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jaring.accounts.access import NotInScope
from jaring.audit.services import audit_record
from jaring.enrolment.cohort_left_out import left_out_summary
from jaring.enrolment.models import CohortJob
from jaring.enrolment.services import EnrolmentRefused, cohort_enrol
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme
from jaring.jobs.models import ACTIVE
from jaring.jobs.runner import JobRefused, Report, job_enqueue


class CohortBusy(ValueError):
    def __init__(self, job: CohortJob) -> None:
        super().__init__("Kohort program ini sedang dibangun; tunggu sampai selesai.")
        self.job = job


@transaction.atomic
def cohort_job_start(*, actor: Any, programme: Programme) -> CohortJob:
    """Queues the build of the programme's cohort; one at a time per programme (a second would only find
    everyone already proposed)."""
    if not may_edit_programme(actor, programme):
        raise PermissionDenied("Peran Anda tidak mengizinkan membangun kohort program ini.")
    # Locks the programme's row on PostgreSQL so two clicks cannot both pass the check below.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    running = CohortJob.objects.filter(programme=programme, status__in=ACTIVE).first()
    if running is not None:
        raise CohortBusy(running)
    job = CohortJob.objects.create(
        user=actor, region_id=programme.region_id, programme=programme, created_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="cohort.job.start",
        obj=job,
        region_code=programme.region_id,
        summary={"programme": programme.pk},
    )
    job_enqueue(job)
    return job


def cohort_job_run(job: CohortJob, report: Report) -> dict[str, Any]:
    """The handler: the starter's rights are checked again now, then the plan is enrolled in one transaction."""
    user = job.user
    if user is None or not user.is_active or not may_edit_programme(user, job.programme):
        raise JobRefused("Akun yang meminta pembangunan kohort ini tidak berhak lagi.")
    report("plan", 0, 0)
    try:
        result = cohort_enrol(actor=user, programme=job.programme)
    except EnrolmentRefused as refused:
        raise JobRefused(refused.message) from refused
    except NotInScope as exc:
        raise JobRefused("Program ini di luar wilayah Anda.") from exc
    # The left-out workers of this build, kept with it: the review shows them after the build, from any process.
    return result.as_json() | left_out_summary(result.left_out)


def cohort_jobs_for(user: Any, programme_id: int) -> QuerySet[CohortJob]:
    programme = access_programme(user, programme_id)
    return CohortJob.objects.filter(programme=programme)


def access_cohort_job(user: Any, programme_id: int, job_id: str) -> CohortJob:
    job = cohort_jobs_for(user, programme_id).select_related("programme").filter(pk=job_id).first()
    if job is None:
        raise NotInScope("Tugas pembangunan kohort tidak ditemukan.")
    return job
