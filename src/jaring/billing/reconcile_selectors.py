"""Scoped reads of reconciliation runs: who may see them, their findings page by page, and the cohort's
billed-vs-enrolled-vs-active figures.

The runs hold BPJS's whole list for the region, so they are for the region's billing staff (operators, BPJS
officers, auditors, admins of the programme's region or above it), never for a sponsor, a village or a leader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet

from jaring.accounts.access import NotInScope, code_in_scope, has_capability, scope_code
from jaring.accounts.roles import Cap, Role
from jaring.billing.models_reconcile import Category, ReconciliationRow, ReconciliationRun
from jaring.billing.reconcile_files import matched_path, matched_read
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme
from jaring.jobs.models import JobStatus
from jaring.rules.nik import mask_nik


def may_see_reconciliation(user: Any, programme: Programme) -> bool:
    if not has_capability(user, Cap.BILLING_VIEW) or user.role == Role.SPONSOR:
        return False
    return scope_code(user) is None or code_in_scope(user, programme.region_id)


def access_reconciliation_programme(user: Any, programme_id: int) -> Programme:
    """The programme, if the user may read its reconciliations: 404 outside the user's reach, 403 without
    the right to read them."""
    programme = access_programme(user, programme_id)
    if not may_see_reconciliation(user, programme):
        raise PermissionDenied("Rekonsiliasi dengan BPJS hanya untuk petugas penagihan wilayah program.")
    return programme


def runs_for(programme: Programme) -> QuerySet[ReconciliationRun]:
    """The programme's runs, newest first; the caller reached the programme through the access function."""
    return ReconciliationRun.objects.filter(programme=programme).select_related("user").order_by("-created_at")


def access_run(programme: Programme, run_id: str) -> ReconciliationRun:
    run = runs_for(programme).filter(pk=run_id).first()
    if run is None:
        raise NotInScope("Rekonsiliasi tidak ditemukan.")
    return run


def _rows(run: ReconciliationRun, category: str) -> QuerySet[ReconciliationRow]:
    return ReconciliationRow.objects.filter(run=run, category=category).order_by("id")


def _matched(run: ReconciliationRun, offset: int, limit: int | None) -> list[dict[str, Any]] | None:
    """The matched findings from the run's file, with the members' names (None: a run that kept them as rows)."""
    frame = matched_read(str(run.pk), offset, limit)
    if frame is None:
        return None
    ids = [i for i in frame.get_column("membership_id").to_list() if i is not None]
    names = dict(Membership.objects.filter(pk__in=ids).values_list("pk", "worker__name")) if ids else {}
    return [
        values | {"membership__worker__name": names.get(values["membership_id"], ""), "worker__name": ""}
        for values in frame.iter_rows(named=True)
    ]


def finding_rows(
    run: ReconciliationRun, category: str, offset: int = 0, limit: int | None = None
) -> list[dict[str, Any]]:
    """A page of one category's findings, NIK masked; a name only for the programme's member or a worker of the
    programme's region (the run stored no link to anyone else)."""
    if category == Category.MATCHED:
        matched = _matched(run, offset, limit)
        if matched is not None:
            return [_shown(values) for values in matched]
    rows = _rows(run, category)
    picked = rows[offset : offset + limit] if limit is not None else rows[offset:]
    return [_shown(values) for values in picked.values(*_FIELDS)]


_FIELDS = (
    "row", "nik", "membership__worker__name", "worker__name", "membership_id", "bpjs_active", "kpj_bpjs",
    "kpj_here", "paid_until_bpjs", "paid_through_here", "months_apart", "kpj_differs", "amount_bpjs", "amount_here",
)  # fmt: skip


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def _note(values: dict[str, Any]) -> str:
    notes = []
    if values["membership_id"] is None:
        notes.append("Bukan peserta program ini" if values["worker__name"] else "Tidak ditemukan di sini")
    if values["bpjs_active"] is None:
        notes.append("Tidak ada dalam daftar BPJS")
    apart = values["months_apart"]
    if apart:
        side = "di sini lebih lama" if apart > 0 else "di BPJS lebih lama"
        notes.append(f"Masa iuran selisih {abs(apart)} bulan ({side})")
    if values["kpj_differs"]:
        notes.append("Nomor KPJ berbeda")
    bpjs, here = values["amount_bpjs"], values["amount_here"]
    if bpjs is not None and here is not None and bpjs != here:
        notes.append(f"Iuran per bulan berbeda (BPJS {_rupiah(bpjs)}, di sini {_rupiah(here)})")
    return "; ".join(notes)


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "row": values["row"],
        "nik_masked": mask_nik(values["nik"]),
        "name": values["membership__worker__name"] or values["worker__name"] or "",
        "bpjs_active": values["bpjs_active"],
        "kpj_bpjs": values["kpj_bpjs"],
        "kpj_here": values["kpj_here"],
        "paid_until_bpjs": values["paid_until_bpjs"],
        "paid_through_here": values["paid_through_here"],
        "amount_bpjs": values["amount_bpjs"],
        "amount_here": values["amount_here"],
        "note": _note(values),
    }


def all_findings(run: ReconciliationRun, chunk: int = 5_000) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every finding in category order, for the export, read in chunks."""
    for category in Category:
        if category == Category.MATCHED and matched_path(str(run.pk)).exists():
            offset = 0
            while page := finding_rows(run, category.value, offset, chunk):
                yield from ((category.value, values) for values in page)
                offset += chunk
            continue
        for values in _rows(run, category.value).values(*_FIELDS).iterator(chunk_size=chunk):
            yield category.value, _shown(values)


@dataclass(frozen=True)
class CohortFigures:
    """Billed vs enrolled vs active for a programme's cohort (issue 11): enrolled memberships (active now),
    members in the latest billed month, and members active at BPJS by the latest completed run."""

    enrolled: int
    billed_month: Any
    billed: int
    active_at_bpjs: int | None
    active_unknown_here: int | None
    run: ReconciliationRun | None


def cohort_figures(programme: Programme) -> CohortFigures:
    enrolled = programme.memberships.filter(status=Status.ACTIVE).count()
    latest_sql = (
        "SELECT MAX(l.month) FROM billing_billline l JOIN enrolment_membership m ON m.id = l.membership_id "
        "WHERE m.programme_id = %s AND l.kind = 'i'"
    )
    billed_sql = (
        "SELECT COUNT(DISTINCT l.membership_id) FROM billing_billline l "
        "JOIN enrolment_membership m ON m.id = l.membership_id "
        "WHERE m.programme_id = %s AND l.kind = 'i' AND l.month = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(latest_sql, [programme.pk])
        month = cursor.fetchone()[0]
        billed = 0
        if month is not None:
            cursor.execute(billed_sql, [programme.pk, month])
            billed = int(cursor.fetchone()[0])
    run = runs_for(programme).filter(status=JobStatus.DONE).first()
    active = unknown = None
    if run is not None:
        at_bpjs = ReconciliationRow.objects.filter(run=run, bpjs_active=True)
        # Matched findings are active members by definition; a run keeps them in its file, not as rows.
        in_file = (run.matched or 0) if matched_path(str(run.pk)).exists() else 0
        active = at_bpjs.filter(membership__isnull=False).count() + in_file
        unknown = at_bpjs.filter(membership__isnull=True).count()
    if isinstance(month, str):
        from datetime import date

        month = date.fromisoformat(month[:10])
    return CohortFigures(enrolled, month, billed, active, unknown, run)
