"""Writes around a finished reconciliation: taking its report away is audited."""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction

from jaring.accounts.access import NotInScope
from jaring.audit.services import audit_record
from jaring.billing.models_reconcile import ReconciliationRun
from jaring.billing.reconcile_export import write_reconciliation_xlsx
from jaring.jobs.models import JobStatus


@transaction.atomic
def reconciliation_export(*, actor: Any, run: ReconciliationRun, out: IO[bytes]) -> int:
    if run.status != JobStatus.DONE:
        raise NotInScope("Laporan belum ada: rekonsiliasi ini belum selesai atau gagal.")
    written = write_reconciliation_xlsx(run, out)
    audit_record(
        actor=actor, action="reconciliation.export", obj=run, region_code=run.programme.region_id,
        summary={"programme": run.programme_id, "rows": written},
    )  # fmt: skip
    return written
