"""Reads of the registry for a user: every query is scoped to the user's region by construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Value, When

from jaring.accounts.access import NotInScope, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.registry.models import (
    DuplicateStatus,
    MoveStatus,
    Occupation,
    PossibleDuplicate,
    Worker,
    WorkerMoveRequest,
)
from jaring.registry.names import search_name, word_key
from jaring.rules.nik import normalize_nik

# A spelling key of one or two letters ("zzz" -> "s") would match nearly everyone.
MIN_KEY_LENGTH = 3


def _in_scope(field: str, scope: str | None) -> Q:
    """``field`` is a path to a Region foreign key; its code is the key, so no join is added."""
    if scope is None:
        return Q()
    return Q(**{f"{field}__code": scope}) | Q(**{f"{field}__code__startswith": f"{scope}."})


def workers_for(user: Any) -> QuerySet[Worker]:
    """Every worker the user may see: those whose domicile village lies in the user's region."""
    require_capability(user, Cap.WORKERS_VIEW)
    return Worker.objects.filter(_in_scope("village", scope_code(user)))


def access_worker(user: Any, worker_id: int) -> Worker:
    worker = workers_for(user).select_related("village", "occupation", "batch").filter(pk=worker_id).first()
    if worker is None:
        raise NotInScope("Pekerja tidak ditemukan.")
    return worker


@dataclass(frozen=True)
class WorkerFilter:
    q: str = ""
    village: str = ""
    district: str = ""
    occupation: str = ""
    segment: str = ""
    source: str = ""


def workers_search(user: Any, f: WorkerFilter) -> QuerySet[Worker]:
    """Exact NIK when the query is a NIK; otherwise every word of the name, in any order, as written or in
    another spelling ("Yusuf" finds "Joesoef"). Names containing the words as written come first."""
    qs = workers_for(user)
    text = f.q.strip()
    nik = normalize_nik(text) if text else None
    order: list[Any] = ["search_name", "id"]
    if nik and len(nik) == 16:
        qs = qs.filter(nik=nik)
    elif text:
        as_written = Q()
        for word in search_name(text).split():
            key = word_key(word)
            spelled = Q(name_key__contains=key) if len(key) >= MIN_KEY_LENGTH else Q(pk__in=[])
            qs = qs.filter(Q(search_name__contains=word) | spelled)
            as_written &= Q(search_name__contains=word)
        qs = qs.annotate(spelling=Case(When(as_written, then=Value(0)), default=Value(1)))
        order = ["spelling", *order]
    if f.village:
        qs = qs.filter(village_id=f.village)
    if f.district:
        qs = qs.filter(village__code__startswith=f"{f.district}.")
    if f.occupation:
        qs = qs.filter(occupation_id=f.occupation)
    if f.segment:
        qs = qs.filter(occupation__segment=f.segment)
    if f.source:
        qs = qs.filter(source=f.source)
    return qs.select_related("village", "occupation").order_by(*order)


def duplicates_for(user: Any) -> QuerySet[PossibleDuplicate]:
    qs = PossibleDuplicate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "worker", "other", "worker__village", "other__village"
    )
    scope = scope_code(user)
    require_capability(user, Cap.WORKERS_VIEW)
    # Both sides must be visible: a pair across a regional border is reviewed by the wider region.
    return qs.filter(_in_scope("worker__village", scope)).filter(_in_scope("other__village", scope))


def access_duplicate(user: Any, duplicate_id: int) -> PossibleDuplicate:
    duplicate = duplicates_for(user).filter(pk=duplicate_id).first()
    if duplicate is None:
        raise NotInScope("Kemungkinan duplikat tidak ditemukan.")
    return duplicate


def occupations() -> QuerySet[Occupation]:
    return Occupation.objects.all()


def move_requests_incoming(user: Any) -> QuerySet[WorkerMoveRequest]:
    """Requests about workers of the user's region (by the village they lived in when asked)."""
    require_capability(user, Cap.WORKERS_VIEW)
    qs = WorkerMoveRequest.objects.filter(_in_scope("from_region", scope_code(user)))
    return qs.select_related("worker", "from_region", "to_village", "requested_by")


def move_requests_outgoing(user: Any) -> QuerySet[WorkerMoveRequest]:
    """Requests the user's region made. The page shows the requester's own proposal and the decision only:
    nothing of the other region's record (issue 8, finding 1)."""
    require_capability(user, Cap.WORKERS_VIEW)
    qs = WorkerMoveRequest.objects.filter(_in_scope("requested_region", scope_code(user)))
    return qs.select_related("to_village").annotate(nik=F("worker__nik"))


def access_move_request(user: Any, move_id: int) -> WorkerMoveRequest:
    """A pending request the user may decide: its worker lives in the user's region."""
    require_capability(user, Cap.WORKERS_EDIT)
    move = (
        WorkerMoveRequest.objects.filter(status=MoveStatus.PENDING, pk=move_id)
        .filter(_in_scope("worker__village", scope_code(user)))
        .first()
    )
    if move is None:
        raise NotInScope("Permintaan pindah tidak ditemukan.")
    return move
