"""What a sponsor owes (Bill, BillLine), what it paid (Payment) and which bills a payment settled (Allocation)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job


class Bill(models.Model):
    """One sponsor's bill (tagihan) for ``months`` iuran months from ``month`` (1 a month; 3, 6 or 12 when the
    sponsor pays ahead). Made once: a later correction is an adjustment line in a later bill."""

    sponsor = models.ForeignKey("funding.Sponsor", on_delete=models.PROTECT, related_name="bills", db_index=False)
    month = models.DateField(_("bulan"))  # the first day of its first iuran month
    months = models.PositiveSmallIntegerField(_("jumlah bulan"), default=1)
    iuran = models.DecimalField(_("iuran"), max_digits=16, decimal_places=0, default=0)
    adjustments = models.DecimalField(_("koreksi"), max_digits=16, decimal_places=0, default=0)
    fines = models.DecimalField(_("denda"), max_digits=16, decimal_places=0, default=0)
    total = models.DecimalField(_("jumlah tagihan"), max_digits=16, decimal_places=0, default=0)
    paid = models.DecimalField(_("terbayar"), max_digits=16, decimal_places=0, default=0)
    # The day the last rupiah of it was paid: what "paid by that date" means for lapse and paid-through.
    settled_on = models.DateField(_("lunas pada"), null=True, blank=True)
    # The rules engine's warnings for its lines: [{"code", "message_id", "message_en", "members"}].
    warnings = models.JSONField(default=list, blank=True)
    members = models.PositiveIntegerField(_("jumlah peserta"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["sponsor", "month"]
        constraints = [
            models.UniqueConstraint(fields=["sponsor", "month"], name="bill_once_a_month"),
            models.CheckConstraint(condition=Q(months__gte=1, months__lte=12), name="bill_months_1_12"),
            models.CheckConstraint(condition=Q(paid__gte=0), name="bill_paid_not_negative"),
            models.CheckConstraint(condition=Q(total__lte=0) | Q(paid__lte=F("total")), name="bill_paid_at_most_total"),
            models.CheckConstraint(
                condition=Q(total=F("iuran") + F("adjustments") + F("fines")), name="bill_total_adds_up"
            ),
        ]

    def __str__(self) -> str:
        return f"Tagihan {self.sponsor_id} {self.month:%m/%Y}"

    @property
    def outstanding(self):  # type: ignore[no-untyped-def]
        return max(self.total - self.paid, 0)


class LineKind(models.TextChoices):
    IURAN = "i", _("Iuran")
    ADJUSTMENT = "a", _("Koreksi")
    FINE = "f", _("Denda keterlambatan")


class BillLine(models.Model):
    """One sponsor's part of one iuran line (JKK, JKM or JHT) of one membership for one month."""

    # Not database constraints (ADR 0013): a run writes millions of lines by one INSERT … SELECT that joins the
    # very bill and membership rows they name, and PostgreSQL's per-row key checks (a row lock on the same bill
    # for each line) cost more than the insert itself. Nothing else writes lines; bills and memberships with
    # lines are never deleted (PROTECT below, and the run deletes only bills it made empty).
    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="lines", db_index=False, db_constraint=False)
    membership = models.ForeignKey(
        "enrolment.Membership", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    month = models.DateField(_("bulan iuran"))
    benefit = models.CharField(_("program"), max_length=3)  # JKK, JKM, JHT
    kind = models.CharField(_("jenis"), max_length=1, choices=LineKind.choices, default=LineKind.IURAN)
    amount = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=0)
    rule_code = models.CharField(_("kode aturan"), max_length=40)
    modifier = models.CharField(_("keringanan/diskon"), max_length=40, blank=True)

    class Meta:
        # One index: a bill's lines, and a membership's within it (paid-through reads by bill, then member).
        indexes = [models.Index(fields=["bill", "membership"], name="bill_line_bill_member")]

    def __str__(self) -> str:
        return f"{self.benefit} {self.month:%m/%Y} {self.amount}"


class Payment(models.Model):
    sponsor = models.ForeignKey("funding.Sponsor", on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("tanggal bayar"))
    amount = models.DecimalField(_("jumlah"), max_digits=16, decimal_places=0)
    reference = models.CharField(_("referensi"), max_length=120, blank=True)
    sp2d_number = models.CharField(_("nomor SP2D"), max_length=60, blank=True)
    sp2d_date = models.DateField(_("tanggal SP2D"), null=True, blank=True)
    kode_iuran = models.CharField(_("kode iuran BPJS"), max_length=40, blank=True)
    jkk_account = models.CharField(_("rekening DPA JKK"), max_length=60, blank=True)
    jkm_account = models.CharField(_("rekening DPA JKM"), max_length=60, blank=True)
    # Path of the proof (bukti bayar) under JARING_PRIVATE_DIR, outside the code tree; never exported.
    proof = models.CharField(_("bukti bayar"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["sponsor", "paid_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"Pembayaran {self.sponsor_id} {self.paid_on:%d/%m/%Y} {self.amount}"


class Allocation(models.Model):
    """Part of a payment (or of a sponsor's credit from a correction, payment empty) applied to a bill."""

    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations")
    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive")]

    def __str__(self) -> str:
        return f"{self.payment_id} → {self.bill_id}: {self.amount}"


class BillingRunJob(Job):
    """A month's billing run started from a page, as a durable job (ADR 0009)."""

    HANDLER = "jaring.billing.run_jobs.billing_run_job"
    STAGES = {
        "plan": _("Menghitung iuran per program dan bulan"),
        "lines": _("Menulis baris tagihan"),
        "adjust": _("Menghitung koreksi dan denda"),
        "lapse": _("Memeriksa kepesertaan yang menunggak"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    month = models.DateField()
    sponsor = models.ForeignKey("funding.Sponsor", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"tagihan {self.month:%m/%Y} ({self.status})"
