"""One membership at a time: adding or replacing a worker in a running cohort ("sesuaikan data"),
cancelling, and cohorts that end on their own. Each a transaction with an audit event."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.audit.services import audit_record
from jaring.enrolment.models import NOT_FUNDING, Membership, Status
from jaring.enrolment.selectors import blocking_coverage, describe
from jaring.enrolment.services import EnrolmentRefused, programme_period
from jaring.funding.models import Programme
from jaring.registry.models import Worker
from jaring.rules.nik import mask_nik

# Which status may follow which; anything else is refused.
NEXT = {
    Status.PROPOSED: {Status.SUBMITTED, Status.CANCELLED},
    Status.SUBMITTED: {Status.ACTIVE, Status.CANCELLED},
    Status.ACTIVE: {Status.LAPSED, Status.ENDED, Status.CANCELLED},
    Status.LAPSED: {Status.ACTIVE, Status.ENDED},
    Status.ENDED: set(),
    Status.CANCELLED: set(),
}


def _require_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise EnrolmentRefused("MEMBERSHIP.REASON", "Alasan perubahan wajib diisi.")
    return text[:255]


def _check_scope(actor: Any, programme: Programme, worker: Worker, *, domicile: bool = True) -> None:
    # The worker, found by the caller (perhaps by NIK), must lie in the actor's scope and the programme's
    # region: a natural-key lookup is a scope decision too.
    for code in (programme.region_id, worker.village_id):
        if actor is not None and not code_in_scope(actor, code):
            raise NotInScope("Data tidak ditemukan.")
    if domicile and not worker.village_id.startswith(f"{programme.region_id}."):
        raise EnrolmentRefused("WORKER.OUTSIDE_PROGRAMME", "Pekerja tidak berdomisili di wilayah program.")


def membership_add(
    *, actor: Any, programme: Programme, worker: Worker, reason: str, start: date | None = None
) -> Membership:
    """A worker joins a running cohort from ``start`` (default: the programme's start) to its end."""
    text = _require_reason(reason)
    _check_scope(actor, programme, worker)
    first, last = programme_period(programme)
    start = max(start or first, first)
    if start > last:
        raise EnrolmentRefused("MEMBERSHIP.AFTER_END", f"Program berakhir {last:%d/%m/%Y}.")
    blocking = blocking_coverage(worker_id=worker.pk, start=start, end=last)
    if blocking:
        raise EnrolmentRefused(
            "COVERED.ALREADY", "Pekerja sudah didanai pada periode ini: " + "; ".join(describe(m) for m in blocking)
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                worker=worker, programme=programme, start=start, end=last, reason=text,
                created_by=actor if getattr(actor, "pk", None) else None, created_at=now, updated_at=now,
            )  # fmt: skip
            audit_record(
                actor=actor, action="membership.add", obj=membership, region_code=worker.village_id,
                summary={"nik": mask_nik(worker.nik), "programme": programme.pk, "reason": text},
            )  # fmt: skip
    except IntegrityError as exc:
        raise EnrolmentRefused("COVERED.ALREADY", "Pekerja baru saja didanai oleh kohort lain.") from exc
    return membership


def membership_change_status(*, actor: Any, membership: Membership, status: str, reason: str = "") -> Membership:
    if status not in NEXT[Status(membership.status)]:
        raise EnrolmentRefused(
            "MEMBERSHIP.TRANSITION",
            f"Status {membership.get_status_display()} tidak dapat diubah menjadi {Status(status).label}.",
        )
    worker = membership.worker
    _check_scope(actor, membership.programme, worker, domicile=False)
    before = membership.status
    with transaction.atomic():
        membership.status = status
        if reason:
            membership.reason = _require_reason(reason)
        membership.updated_at = timezone.now()
        membership.save(update_fields=["status", "reason", "updated_at"])
        audit_record(
            actor=actor, action="membership.status", obj=membership, region_code=worker.village_id,
            summary={"nik": mask_nik(worker.nik), "from": before, "to": status, "reason": membership.reason},
        )  # fmt: skip
    return membership


@transaction.atomic
def membership_replace(*, actor: Any, membership: Membership, worker: Worker, reason: str, on: date) -> Membership:
    """The old worker's cover ends the day before ``on`` (or is cancelled if it had not begun); the new
    worker is covered from ``on`` to the programme's end."""
    text = _require_reason(reason)
    if membership.status in NOT_FUNDING or membership.status == Status.ENDED:
        raise EnrolmentRefused("MEMBERSHIP.TRANSITION", "Kepesertaan ini sudah tidak berjalan.")
    _check_scope(actor, membership.programme, membership.worker, domicile=False)
    if on <= membership.start:
        membership_change_status(actor=actor, membership=membership, status=Status.CANCELLED, reason=text)
    else:
        membership.end = on - timedelta(days=1)
        membership.updated_at = timezone.now()
        membership.save(update_fields=["end", "updated_at"])
    return membership_add(actor=actor, programme=membership.programme, worker=worker, reason=text, start=on)


def memberships_end_due(*, today: date) -> int:
    """Cohorts end on their own: active or lapsed memberships past their last day become ended."""
    with transaction.atomic():
        count = Membership.objects.filter(end__lt=today, status__in=[Status.ACTIVE, Status.LAPSED]).update(
            status=Status.ENDED, updated_at=timezone.now()
        )
        if count:
            audit_record(actor=None, action="membership.end_due", obj=None, region_code="", summary={"ended": count})
    return count
