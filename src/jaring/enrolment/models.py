"""Memberships: one worker protected by one programme for one period, and where it stands with BPJS."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Diusulkan")
    SUBMITTED = "submitted", _("Dikirim ke BPJS")
    ACTIVE = "active", _("Aktif")
    LAPSED = "lapsed", _("Terhenti (menunggak)")
    ENDED = "ended", _("Berakhir")
    CANCELLED = "cancelled", _("Dibatalkan")


# A cancelled membership (withdrawn, or refused by BPJS) funds nothing: it does not block another.
NOT_FUNDING = (Status.CANCELLED,)


class Membership(models.Model):
    # No index of their own: (worker, start) and (programme, status) below begin with them.
    worker = models.ForeignKey("registry.Worker", on_delete=models.PROTECT, related_name="+", db_index=False)
    programme = models.ForeignKey(
        "funding.Programme", on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    # The covered days, both inclusive; the database refuses two funding memberships of one worker that
    # share a day (migration 0002: a trigger on SQLite, an exclusion constraint on PostgreSQL).
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    kpj = models.CharField(_("nomor KPJ"), max_length=11, blank=True)
    reason = models.CharField(_("keterangan"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["worker", "start"], name="membership_worker_start"),
            models.Index(fields=["programme", "status"], name="membership_programme_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="membership_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


class ExchangeLayout(models.Model):
    """The column layout of the registration file for BPJS: BPJS's template is not public and differs by
    branch, so a region's admin sets headers and order; without one, the default of ``exchange.py``."""

    region = models.OneToOneField("regions.Region", on_delete=models.PROTECT, related_name="+")
    # [{"field": "nik", "header": "NIK"}, ...]: fields of enrolment.exchange.FIELDS, in file order.
    columns = models.JSONField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Tata letak {self.region_id}"


class ExchangeKind(models.TextChoices):
    EXPORT = "export", _("Berkas pendaftaran untuk BPJS")
    ANSWER = "answer", _("Jawaban BPJS")


class ExchangeJob(Job):
    """A file exchanged with BPJS for one programme, as a durable job (ADR 0009): the registration file
    written under var/, or BPJS's answer applied with its result and row-level problems kept."""

    HANDLER = "jaring.enrolment.exchange_jobs.exchange_job_run"
    ON_DEAD = "jaring.enrolment.exchange_jobs.exchange_files_remove"
    STAGES = {
        "write": _("Menulis berkas pendaftaran"),
        "apply": _("Menerapkan jawaban BPJS"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(
        "funding.Programme", on_delete=models.PROTECT, related_name="exchange_jobs", db_index=False
    )
    kind = models.CharField(max_length=6, choices=ExchangeKind.choices)
    original_name = models.CharField(max_length=255, blank=True)

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["programme", "created_at"], name="exchange_job_programme")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"


class CohortJob(Job):
    """Building a programme's cohort from its current plan: long for a large region, so a durable job."""

    HANDLER = "jaring.enrolment.cohort_jobs.cohort_job_run"
    STAGES = {
        "plan": _("Menghitung rencana dan membuat usulan peserta"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey("funding.Programme", on_delete=models.CASCADE, related_name="+")

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"kohort {self.programme_id} ({self.status})"


class DocumentJob(Job):
    """A village meeting's name list too long to render in the request (settings.JARING_VILLAGE_LIST_JOB_NAMES),
    rendered to a PDF under var/ by the job worker and downloaded from the job's page."""

    HANDLER = "jaring.enrolment.document_jobs.village_list_job_run"
    ON_DEAD = "jaring.enrolment.document_jobs.document_files_remove"
    STAGES = {
        "read": _("Membaca daftar nama"),
        "render": _("Menyusun PDF"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey("funding.Programme", on_delete=models.CASCADE, related_name="+", db_index=False)
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    # Full NIKs only for those who may edit the programme (the list goes to BPJS); masked for the others.
    full_nik = models.BooleanField(default=False)

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["programme", "created_at"], name="document_job_programme")]

    def __str__(self) -> str:
        return f"daftar desa {self.village_id} ({self.status})"
