"""Finding whom a cohort adjustment names, by NIK: a scope decision, so "not found" and "not yours" answer
alike."""

from __future__ import annotations

from typing import Any

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.enrolment.models import NOT_FUNDING, Membership, Status
from jaring.enrolment.selectors import memberships_for
from jaring.funding.models import Programme
from jaring.registry.models import Worker
from jaring.rules.nik import normalize_nik

NOT_FOUND = "Pekerja dengan NIK itu tidak ditemukan di wilayah Anda."
NOT_MEMBER = "Tidak ada kepesertaan berjalan dengan NIK itu dalam program ini."


def worker_by_nik(user: Any, nik: str) -> Worker:
    clean = normalize_nik(nik) or ""
    worker = Worker.objects.filter(nik=clean).first() if len(clean) == 16 else None
    if worker is None or not code_in_scope(user, worker.village_id):
        raise NotInScope(NOT_FOUND)
    return worker


def running_membership_by_nik(user: Any, programme: Programme, nik: str) -> Membership:
    clean = normalize_nik(nik) or ""
    membership = (
        memberships_for(user, programme)
        .filter(worker__nik=clean)
        .exclude(status__in=[*NOT_FUNDING, Status.ENDED])
        .select_related("worker", "programme")
        .order_by("-start")
        .first()
    )
    if membership is None:
        raise NotInScope(NOT_MEMBER)
    return membership
