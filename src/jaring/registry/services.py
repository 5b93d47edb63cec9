"""Writes to the registry. Each runs in one transaction and writes an audit event; NIKs in audit
summaries are masked (UU PDP 27/2022)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, require_capability
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.regions.models import Region
from jaring.registry.models import (
    DuplicateStatus,
    Employer,
    Group,
    MoveStatus,
    Occupation,
    PossibleDuplicate,
    SourceBatch,
    Worker,
    WorkerChange,
    WorkerMerge,
    WorkerMoveRequest,
)
from jaring.registry.names import name_key, search_name
from jaring.registry.selectors import workers_for
from jaring.rules.nik import check_nik, mask_nik

# Fields a change is recorded for, in WorkerChange.before.
TRACKED = (
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "address",
    "village_id",
    "occupation_id",
    "occupation_text",
    "income",
    "phone",
    "decile",
    "source",
)


@dataclass(frozen=True)
class WorkerInput:
    nik: str
    name: str
    sex: str
    village_code: str
    birth_place: str = ""
    birth_date: date | None = None
    address: str = ""
    occupation_code: str | None = None
    occupation_text: str = ""
    income: Decimal | None = None
    phone: str = ""
    decile: int | None = None
    source: str = "isian manual"


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | Decimal):
        return str(value)
    return value


def snapshot(worker: Worker) -> dict[str, Any]:
    return {f: _jsonable(getattr(worker, f)) for f in TRACKED}


def _region_in_scope(actor: Any, code: str, *, level: int | None = None) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None or (level is not None and region.level != level) or not code_in_scope(actor, code):
        noun = "Desa/kelurahan" if level == 4 else "Wilayah"
        raise ValidationError(f"{noun} {code} tidak ditemukan di wilayah Anda.")
    return region


class NikTaken(ValidationError):
    """The NIK is registered already. The answer is the same whether the record lies in the actor's
    region or elsewhere, so it reveals nothing of a record the actor may not see."""


def _person_errors(worker: Worker) -> list[str]:
    """The import's rules for a typed record (imports.schema: NAME.EMPTY, SEX.UNKNOWN, BIRTH_DATE.FUTURE)."""
    errors = []
    if not worker.name:
        errors.append("NAME.EMPTY: Nama kosong.")
    if worker.sex not in ("M", "F"):
        errors.append("SEX.UNKNOWN: Jenis kelamin tidak dikenali: tulis M (laki-laki) atau F (perempuan).")
    if worker.birth_date and worker.birth_date > timezone.localdate():
        errors.append(f"BIRTH_DATE.FUTURE: Tanggal lahir {worker.birth_date:%d/%m/%Y} ada di masa depan.")
    return errors


def _worker_save(worker: Worker) -> None:
    if errors := _person_errors(worker):
        raise ValidationError(errors)
    worker.full_clean(exclude=["batch", "occupation", "village"], validate_unique=False)
    try:
        with transaction.atomic():  # a savepoint: a concurrent twin must not turn into a 500
            worker.save()
    except IntegrityError as exc:
        if Worker.objects.filter(nik=worker.nik).exclude(pk=worker.pk).exists():
            raise NikTaken(f"NIK {mask_nik(worker.nik)} sudah terdaftar.") from exc
        raise


def _occupation(code: str | None) -> Occupation | None:
    if not code:
        return None
    occupation = Occupation.objects.filter(pk=code).first()
    if occupation is None:
        raise ValidationError(f"Kode pekerjaan {code} tidak dikenal.")
    return occupation


@transaction.atomic
def worker_register(*, actor: Any, data: WorkerInput) -> Worker:
    require_capability(actor, Cap.WORKERS_EDIT)
    result = check_nik(data.nik, reference_date=timezone.localdate())
    if not result.valid or result.nik is None:
        raise ValidationError([f"{e.code}: {e.message}" for e in result.errors])
    village = _region_in_scope(actor, data.village_code, level=4)
    # Checked after the scope of the village, and answered alike wherever the other record lives.
    if Worker.objects.filter(nik=result.nik).exists():
        raise NikTaken(f"NIK {mask_nik(result.nik)} sudah terdaftar.")
    occupation = _occupation(data.occupation_code)
    now = timezone.now()
    batch = SourceBatch.objects.create(source=data.source, region=village, created_by=actor, created_at=now)
    searched = search_name(data.name)
    worker = Worker(
        nik=result.nik,
        name=data.name.strip(),
        search_name=searched,
        name_key=name_key(searched),
        # Blank sex or birth date: what the NIK encodes, as the import does.
        sex=data.sex or result.sex or "",
        birth_place=data.birth_place,
        birth_date=data.birth_date or result.birth_date,
        address=data.address,
        village=village,
        occupation=occupation,
        occupation_text=data.occupation_text,
        income=data.income,
        phone=data.phone,
        decile=data.decile,
        source=data.source,
        batch=batch,
        created_at=now,
        updated_at=now,
    )
    _worker_save(worker)
    audit_record(
        actor=actor,
        action="worker.register",
        obj=worker,
        region_code=village.code,
        summary={"nik": mask_nik(worker.nik), "name": worker.name},
    )
    return worker


# What worker_update may change: every WorkerInput field but the NIK, the identity of the record.
EDITABLE = frozenset(f.name for f in fields(WorkerInput)) - {"nik"}


@transaction.atomic
def worker_update(*, actor: Any, worker: Worker, changes: Mapping[str, Any]) -> Worker:
    """Changes the named fields only: a field left out keeps its value, an explicit blank clears it.
    The worker, and the village it moves to, must lie in the actor's region."""
    require_capability(actor, Cap.WORKERS_EDIT)
    if unknown := sorted(set(changes) - EDITABLE):
        raise ValidationError(f"Kolom tidak dapat diubah: {', '.join(unknown)}.")
    locked = Worker.objects.select_for_update().filter(pk=worker.pk).first()
    if locked is None or not code_in_scope(actor, locked.village_id):
        raise NotInScope("Pekerja tidak ditemukan.")
    before = snapshot(locked)
    values = dict(changes)
    if "village_code" in values:
        locked.village = _region_in_scope(actor, str(values.pop("village_code") or ""), level=4)
    if "occupation_code" in values:
        locked.occupation = _occupation(values.pop("occupation_code"))
    for name, value in values.items():
        field = Worker._meta.get_field(name)
        assert isinstance(field, models.Field)  # EDITABLE names concrete columns only
        blank = "" if isinstance(field, models.CharField) else None
        # to_python: 1500000 becomes Decimal("1500000"), so resending a value is no change.
        setattr(locked, name, blank if value is None else field.to_python(value))
    locked.name = locked.name.strip()
    locked.search_name = search_name(locked.name)
    locked.name_key = name_key(locked.search_name)
    changed = sorted(k for k, v in snapshot(locked).items() if before[k] != v)
    if not changed:
        return locked
    locked.updated_at = timezone.now()
    _worker_save(locked)
    WorkerChange.objects.create(worker=locked, at=locked.updated_at, actor=actor, before=before)
    audit_record(
        actor=actor,
        action="worker.update",
        obj=locked,
        region_code=locked.village_id,
        summary={"nik": mask_nik(locked.nik), "fields": changed},
    )
    return locked


@transaction.atomic
def worker_detail_open(*, actor: Any, worker: Worker) -> None:
    """Opening a worker's personal data is itself an audited act."""
    audit_record(
        actor=actor,
        action="worker.view",
        obj=worker,
        region_code=worker.village_id,
        summary={"nik": mask_nik(worker.nik)},
    )


@transaction.atomic
def worker_merge(*, actor: Any, duplicate: PossibleDuplicate, keep_id: int) -> Worker:
    """Keeps one of the pair, fills its blank fields from the other, moves group memberships and
    removes the other. The removed record survives in WorkerChange.before and the audit trail, and its
    address in WorkerMerge."""
    require_capability(actor, Cap.DUPLICATES_RESOLVE)
    if duplicate.status != DuplicateStatus.OPEN:
        raise ValidationError("Pasangan ini sudah ditinjau.")
    if keep_id not in (duplicate.worker_id, duplicate.other_id):
        raise ValidationError("Pekerja yang dipertahankan harus salah satu dari pasangan.")
    drop_id = duplicate.other_id if keep_id == duplicate.worker_id else duplicate.worker_id
    keep = Worker.objects.select_for_update().get(pk=keep_id)
    drop = Worker.objects.select_for_update().get(pk=drop_id)
    before = snapshot(keep)
    for name in TRACKED:
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            setattr(keep, name, getattr(drop, name))
    keep.updated_at = timezone.now()
    keep.save()
    for group in drop.groups.all():
        group.members.add(keep)
    WorkerChange.objects.create(
        worker=keep,
        at=keep.updated_at,
        actor=actor,
        before={**before, "merged_from": {"nik": drop.nik, **snapshot(drop)}},
    )
    # The removed record's address leads to the kept one, also for records merged into it before.
    WorkerMerge.objects.filter(kept=drop).update(kept=keep)
    WorkerMerge.objects.create(merged_id=drop.pk, kept=keep, at=keep.updated_at, by=actor)
    duplicate.status = DuplicateStatus.MERGED
    duplicate.resolved_at = keep.updated_at
    duplicate.resolved_by = actor
    duplicate.save()
    audit_record(
        actor=actor,
        action="worker.merge",
        obj=keep,
        region_code=keep.village_id,
        summary={"kept": mask_nik(keep.nik), "removed": mask_nik(drop.nik)},
    )
    drop.delete()
    return keep


@transaction.atomic
def duplicate_dismiss(*, actor: Any, duplicate: PossibleDuplicate) -> None:
    require_capability(actor, Cap.DUPLICATES_RESOLVE)
    duplicate.status = DuplicateStatus.DISMISSED
    duplicate.resolved_at = timezone.now()
    duplicate.resolved_by = actor
    duplicate.save()
    audit_record(
        actor=actor,
        action="duplicate.dismiss",
        obj=duplicate,
        region_code=duplicate.worker.village_id,
        summary={"pair": [mask_nik(duplicate.worker.nik), mask_nik(duplicate.other.nik)]},
    )


def worker_field_names() -> list[str]:
    return [f.name for f in fields(WorkerInput)]


@transaction.atomic
def employer_register(
    *, actor: Any, name: str, region_code: str, risk_class: str, npp: str | None = None, kbli: str = ""
) -> Employer:
    require_capability(actor, Cap.WORKERS_EDIT)
    region = _region_in_scope(actor, region_code)
    employer = Employer(npp=npp or None, name=name.strip(), kbli=kbli, risk_class=risk_class, region=region)
    employer.full_clean()
    employer.save()
    audit_record(
        actor=actor,
        action="employer.register",
        obj=employer,
        region_code=region.code,
        summary={"name": employer.name, "npp": employer.npp or ""},
    )
    return employer


@transaction.atomic
def group_create(*, actor: Any, name: str, kind: str, region_code: str, worker_ids: list[int]) -> Group:
    """A wadah (association, cooperative, village group) with members from the actor's region only."""
    require_capability(actor, Cap.WORKERS_EDIT)
    region = _region_in_scope(actor, region_code)
    members = list(workers_for(actor).filter(pk__in=worker_ids))
    if len(members) != len(set(worker_ids)):
        raise ValidationError("Sebagian anggota tidak ditemukan di wilayah Anda.")
    group = Group(name=name.strip(), kind=kind, region=region)
    group.full_clean()
    group.save()
    group.members.add(*members)
    audit_record(
        actor=actor,
        action="group.create",
        obj=group,
        region_code=region.code,
        summary={"name": group.name, "kind": kind, "members": len(worker_ids)},
    )
    return group


# Proposed values a blank never overwrites when a move is accepted (as in an import: registry.bulk).
_KEPT_WHEN_BLANK = ("sex", "birth_place", "birth_date", "address", "income", "phone", "decile")


def _move_values(worker: Worker, proposed: dict[str, Any]) -> None:
    """Applies a move request's proposed values; blank keeps the known value, a written one corrects it."""
    worker.name = proposed.get("name") or worker.name
    worker.search_name = search_name(worker.name)
    worker.name_key = name_key(worker.search_name)
    for field in _KEPT_WHEN_BLANK:
        value = proposed.get(field)
        if value in (None, ""):
            continue
        if field == "birth_date":
            value = date.fromisoformat(value)
        elif field == "income":
            value = Decimal(value)
        setattr(worker, field, value)
    if proposed.get("occupation_text") or proposed.get("occupation_id"):
        worker.occupation_id = proposed.get("occupation_id")
        worker.occupation_text = proposed.get("occupation_text") or ""
    worker.source = proposed.get("source") or worker.source


def _move_for_decision(actor: Any, move: WorkerMoveRequest) -> tuple[WorkerMoveRequest, Worker]:
    """The request and its worker, locked; only the operator of the worker's current region decides."""
    require_capability(actor, Cap.WORKERS_EDIT)
    move = WorkerMoveRequest.objects.select_for_update().get(pk=move.pk)
    worker = Worker.objects.select_for_update().get(pk=move.worker_id)
    if not code_in_scope(actor, worker.village_id):
        raise NotInScope("Permintaan pindah tidak ditemukan.")
    if move.status != MoveStatus.PENDING:
        raise ValidationError("Permintaan pindah ini sudah diputuskan.")
    return move, worker


def _audit_both(actor: Any, action: str, move: WorkerMoveRequest, worker: Worker, *, moved: bool) -> None:
    """The deciding region and the requesting village each get the event in their own audit trail. The
    requester's side learns where the worker came from only when the move is accepted."""
    common = {"nik": mask_nik(worker.nik), "request": move.pk, "to": move.to_village_id}
    audit_record(actor=actor, action=action, obj=move, region_code=move.from_region_id, summary=common)
    summary = {**common, "from": move.from_region_id} if moved else common
    audit_record(actor=actor, action=action, obj=move, region_code=move.to_village_id, summary=summary)


@transaction.atomic
def worker_move_accept(*, actor: Any, move: WorkerMoveRequest) -> Worker:
    """The worker moves to the requested village and the proposed values apply (blank keeps what is known);
    the previous values go to WorkerChange. Other pending requests for the worker are refused with it."""
    move, worker = _move_for_decision(actor, move)
    now = timezone.now()
    before = snapshot(worker)
    _move_values(worker, move.proposed)
    worker.village_id = move.to_village_id
    worker.updated_at = now
    worker.full_clean(exclude=["batch", "occupation", "village"])
    worker.save()
    WorkerChange.objects.create(worker=worker, at=now, actor=actor, before={**before, "move_request": move.pk})
    move.status, move.decided_by, move.decided_at = MoveStatus.ACCEPTED, actor, now
    move.save(update_fields=["status", "decided_by", "decided_at"])
    WorkerMoveRequest.objects.filter(worker=worker, status=MoveStatus.PENDING).update(
        status=MoveStatus.REFUSED, decided_by=actor, decided_at=now
    )
    _audit_both(actor, "worker.move.accept", move, worker, moved=True)
    return worker


@transaction.atomic
def worker_move_refuse(*, actor: Any, move: WorkerMoveRequest) -> None:
    move, worker = _move_for_decision(actor, move)
    move.status, move.decided_by, move.decided_at = MoveStatus.REFUSED, actor, timezone.now()
    move.save(update_fields=["status", "decided_by", "decided_at"])
    _audit_both(actor, "worker.move.refuse", move, worker, moved=False)
