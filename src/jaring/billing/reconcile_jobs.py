"""A reconciliation as a durable job (ADR 0009): the page's and the API's upload stores BPJS's list privately
and queues the run; the command line runs the same job in the foreground. Every run keeps its file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from jaring.accounts.access import code_in_scope, has_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.billing.models_reconcile import ReconciliationRun
from jaring.billing.reconcile import Counts, reconciliation_apply
from jaring.billing.reconcile_files import private_dir, reconciliation_dir
from jaring.billing.reconcile_list import ListRefused, list_read
from jaring.funding.models import Programme
from jaring.imports.reader import UPLOAD_SUFFIXES, format_refusal
from jaring.jobs.runner import JobRefused, Report, job_enqueue, job_run_here

SHOWN_PROBLEMS = 100


def list_path(run: ReconciliationRun) -> Path | None:
    return next(reconciliation_dir(str(run.pk)).glob("daftar-bpjs.*"), None)


def may_reconcile(user: Any, programme: Programme) -> bool:
    """Loading BPJS's list: the Pemda's billing staff or the BPJS branch officer of the programme's own region
    (or a province above it)."""
    if user is None:
        return True  # the command line
    return has_capability(user, Cap.RECONCILE) and code_in_scope(user, programme.region_id)


def _require(actor: Any, programme: Programme) -> None:
    if not may_reconcile(actor, programme):
        raise PermissionDenied("Peran Anda tidak mengizinkan memuat daftar peserta aktif BPJS untuk program ini.")


def _store(run: ReconciliationRun, suffix: str, chunks: Iterable[bytes]) -> None:
    folder = private_dir(str(run.pk))
    fd = os.open(folder / f"daftar-bpjs{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in chunks:
            out.write(chunk)


def _check_file(name: str, size: int | None) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValueError(format_refusal(suffix))
    limit = settings.JARING_UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise ValueError(f"Berkas terlalu besar ({filesizeformat(size)}); batasnya {filesizeformat(limit)}.")
    return suffix


def _create(actor: Any, programme: Programme, name: str, on: date | None) -> ReconciliationRun:
    run = ReconciliationRun.objects.create(
        user=actor, region_id=scope_code(actor) if actor is not None else None, programme=programme,
        original_name=name[:255], on=on or timezone.localdate(), created_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        actor=actor, action="reconciliation.start", obj=run, region_code=programme.region_id,
        summary={"programme": programme.pk, "file": run.original_name},
    )  # fmt: skip
    return run


@transaction.atomic
def reconciliation_start(
    *, actor: Any, programme: Programme, name: str, size: int | None, chunks: Iterable[bytes], on: date | None = None
) -> ReconciliationRun:
    """BPJS's list stored privately and the run queued; a file of the wrong kind or size is refused before."""
    _require(actor, programme)
    suffix = _check_file(Path(name or "daftar").name, size)
    run = _create(actor, programme, Path(name).name, on)
    _store(run, suffix, chunks)
    job_enqueue(run)
    return run


def _execute(run: ReconciliationRun, actor: Any, report: Report) -> Counts:
    path = list_path(run)
    if path is None:
        raise JobRefused("Berkas daftar peserta tidak ditemukan lagi; unggah ulang berkasnya.")
    report("read", 0, 0)
    try:
        listing = list_read(path, reference=run.on)
    except ListRefused as refused:
        # Kept for the run's page and the command line: the rows to fix. Nothing else is written.
        problems = [list(p) for p in refused.problems[:SHOWN_PROBLEMS]]
        summary = {"refused": refused.code, "problem_count": len(refused.problems), "problems": problems}
        ReconciliationRun.objects.filter(pk=run.pk).update(summary=summary | {"errors_by_rule": refused.errors_by_rule})
        raise JobRefused(refused.message) from refused
    return reconciliation_apply(actor=actor, run=run, listing=listing, report=report)


def reconciliation_job_run(run: ReconciliationRun, report: Report) -> dict[str, Any]:
    user = run.user
    if user is None or not user.is_active:
        raise JobRefused("Akun yang memulai rekonsiliasi ini tidak aktif lagi.")
    if not may_reconcile(user, run.programme):
        # Checked again now: the starter may have lost the right while the job waited.
        raise JobRefused("Akun yang memulai rekonsiliasi ini tidak berhak lagi atas program ini.")
    return _execute(run, user, report).as_json()


def reconciliation_run_here(
    *, programme: Programme, path: Path, on: date | None = None, observer: Report | None = None
) -> ReconciliationRun:
    """The command line's run: a job row like the page's, its file copied under var/, run in this process."""
    suffix = _check_file(path.name, None)
    with transaction.atomic():
        run = _create(None, programme, path.name, on)

    def chunks() -> Iterable[bytes]:
        with path.open("rb") as source:
            while block := source.read(1 << 20):
                yield block

    _store(run, suffix, chunks())
    job_run_here(
        ReconciliationRun, str(run.pk), lambda report: _execute(run, None, report).as_json(), observer=observer
    )
    run.refresh_from_db()
    return run
