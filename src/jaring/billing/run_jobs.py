"""A month's billing run as a durable job (ADR 0009): the page's button queues it, a worker runs it; the
command line runs the same job in the foreground, so its progress shows on the page of any process."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.billing.models import BillingRunJob
from jaring.billing.refusal import BillingRefused
from jaring.billing.run import RunResult, billing_run
from jaring.funding.models import Sponsor
from jaring.jobs.models import ACTIVE
from jaring.jobs.runner import JobRefused, Report, job_enqueue, job_run_here


def _create(actor: Any, month: date, sponsor: Sponsor | None) -> BillingRunJob:
    region = None
    if actor is not None:
        require_capability(actor, Cap.BILLING_EDIT)
        if sponsor is not None and not code_in_scope(actor, sponsor.region_id):
            raise NotInScope(f"Sponsor nomor {sponsor.pk} tidak ditemukan.")
        region = scope_code(actor)
    return BillingRunJob.objects.create(
        user=actor, region_id=region, month=month, sponsor=sponsor, created_at=timezone.now()
    )


@transaction.atomic
def billing_job_start(*, actor: Any, month: date, sponsor: Sponsor | None = None) -> BillingRunJob:
    """Queues a run; one at a time per region (two at once would both find the month unbilled)."""
    job = _create(actor, month, sponsor)
    busy = BillingRunJob.objects.filter(region_id=job.region_id, status__in=ACTIVE).exclude(pk=job.pk)
    if busy.exists():
        raise BillingRefused("BILL.RUN_BUSY", "Penagihan sedang berjalan; tunggu sampai selesai.")
    audit_record(
        actor=actor,
        action="billing.job.start",
        obj=job,
        region_code=job.region_id or "",
        summary={"month": f"{month:%Y-%m}", "sponsor": sponsor.pk if sponsor else None},
    )
    job_enqueue(job)
    return job


def _execute(job: BillingRunJob, report: Report) -> dict[str, Any]:
    user = job.user
    if user is not None and (not user.is_active or not has_capability(user, Cap.BILLING_EDIT)):
        raise JobRefused("Akun yang meminta penagihan ini tidak berhak lagi.")
    try:
        return billing_run(actor=user, month=job.month, sponsor=job.sponsor, report=report).as_json()
    except BillingRefused as refused:
        raise JobRefused(refused.message) from refused


def billing_run_job(job: BillingRunJob, report: Report) -> dict[str, Any]:
    return _execute(job, report)


def billing_run_here(
    *, actor: Any, month: date, sponsor: Sponsor | None = None, observer: Report | None = None
) -> tuple[BillingRunJob, RunResult | None]:
    """The command line's run: a job row like the page's, run now in this process."""
    job = _create(actor, month, sponsor)
    done: list[RunResult] = []

    def run(report: Report) -> dict[str, Any]:
        try:
            done.append(billing_run(actor=actor, month=month, sponsor=sponsor, report=report))
        except BillingRefused as refused:
            raise JobRefused(refused.message) from refused
        return done[0].as_json()

    job_run_here(BillingRunJob, str(job.pk), run, observer=observer)
    job.refresh_from_db()
    return job, (done[0] if done else None)
