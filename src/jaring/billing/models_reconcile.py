"""Reconciliation with BPJS's active participant list: each run kept with its file (ReconciliationRun, a
durable job) and its findings, one row per NIK in one of the three categories that ask for action
(ReconciliationRow); the matched ones are kept in a file beside the list (reconcile_files.py)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job


class Category(models.TextChoices):
    # The four categories, named as `jaring reconcile --json` names them.
    MATCHED = "matched", _("Dibayar di sini dan aktif di BPJS")
    PAID_NOT_ACTIVE = "paid_not_active", _("Dibayar di sini tetapi tidak aktif di BPJS")
    ACTIVE_NOT_PAID = "active_not_paid", _("Aktif di BPJS tetapi tidak dibayar di sini")
    DIFFERENT = "different", _("Masa iuran, besar iuran atau KPJ berbeda")


class ReconciliationRun(Job):
    """One comparison of a programme's memberships with a list BPJS sent; every run is kept, with its file."""

    HANDLER = "jaring.billing.reconcile_jobs.reconciliation_job_run"
    STAGES = {
        "read": _("Membaca daftar peserta aktif BPJS"),
        "compare": _("Mencocokkan dengan kepesertaan dan pembayaran"),
        "write": _("Menyimpan hasil pencocokan"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(
        "funding.Programme", on_delete=models.PROTECT, related_name="reconciliations", db_index=False
    )
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    # The day "paid here" is judged on: paid through at least the end of the month before it.
    on = models.DateField(_("per tanggal"))
    rows = models.PositiveIntegerField(_("baris dalam daftar"), null=True, blank=True)
    matched = models.PositiveIntegerField(null=True, blank=True)
    paid_not_active = models.PositiveIntegerField(null=True, blank=True)
    active_not_paid = models.PositiveIntegerField(null=True, blank=True)
    different = models.PositiveIntegerField(null=True, blank=True)

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["programme", "created_at"], name="reconciliation_programme")]

    def __str__(self) -> str:
        return f"rekonsiliasi {self.programme_id} {self.on:%d/%m/%Y} ({self.status})"

    def counts(self) -> dict[str, int | None]:
        # Exactly the keys of the interface (`jaring reconcile --json`).
        return {
            "rows": self.rows,
            "matched": self.matched,
            "paid_not_active": self.paid_not_active,
            "active_not_paid": self.active_not_paid,
            "different": self.different,
        }


class ReconciliationRow(models.Model):
    """One NIK's finding. ``membership`` is set when the NIK is the programme's member, ``worker`` when it is not
    but the registry knows the worker inside the programme's region; neither for a NIK not found here (another
    region's worker is reported exactly like an unknown NIK)."""

    run = models.ForeignKey(ReconciliationRun, on_delete=models.CASCADE, related_name="findings", db_index=False)
    category = models.CharField(max_length=16, choices=Category.choices)
    row = models.PositiveIntegerField(_("baris"), null=True, blank=True)  # in BPJS's file; empty: not on the list
    nik = models.CharField("NIK", max_length=16)
    # Plain ids, no constraint: a report row stays as it was found, and bulk inserts need no lookups.
    membership = models.ForeignKey(
        "enrolment.Membership", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False, db_index=False,
    )  # fmt: skip
    worker = models.ForeignKey(
        "registry.Worker", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False, db_index=False,
    )  # fmt: skip
    bpjs_active = models.BooleanField(_("aktif di BPJS"), null=True)  # empty: not on the list
    kpj_bpjs = models.CharField(_("KPJ menurut BPJS"), max_length=11, blank=True)
    kpj_here = models.CharField(_("KPJ di sini"), max_length=11, blank=True)
    paid_until_bpjs = models.DateField(_("iuran terakhir menurut BPJS"), null=True, blank=True)
    paid_through_here = models.DateField(_("dibayar sampai di sini"), null=True, blank=True)
    # Our paid-through month less BPJS's, in months (different only when both are known).
    months_apart = models.SmallIntegerField(null=True, blank=True)
    kpj_differs = models.BooleanField(default=False)
    # The monthly iuran, when BPJS's list carries it: BPJS's, and ours in the programme's latest billed month.
    amount_bpjs = models.BigIntegerField(_("iuran menurut BPJS"), null=True, blank=True)
    amount_here = models.BigIntegerField(_("iuran di sini"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["run", "category", "id"], name="reconciliation_row_category")]
        constraints = [
            models.CheckConstraint(
                condition=Q(membership__isnull=True) | Q(worker__isnull=True), name="reconciliation_row_one_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.category}"
