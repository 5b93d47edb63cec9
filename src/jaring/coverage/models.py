"""The figures coverage is computed from: denominators (BPS workforce, agreed potential), BPJS's participant
counts, region targets, and the aggregates Jaring keeps of its own memberships and bills."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job


class DenominatorKind(models.TextChoices):
    EMPLOYED = "employed", _("Penduduk bekerja (BPS)")
    FORMAL = "formal", _("Pekerja formal (BPS)")
    INFORMAL = "informal", _("Pekerja informal (BPS)")
    POTENTIAL_PU = "potential_pu", _("Potensi kepesertaan PU")
    POTENTIAL_BPU = "potential_bpu", _("Potensi kepesertaan BPU")
    POTENTIAL_JAKON = "potential_jakon", _("Potensi kepesertaan jasa konstruksi")


class Denominator(models.Model):
    # A Kemendagri code checked against the regions table when loaded; "" is Indonesia as a whole.
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    period = models.CharField(_("periode"), max_length=7)  # YYYY or YYYY-MM, as the source gives it
    # The first day the figure speaks for: a year's figure from January, a month's from its first day.
    starts = models.DateField()
    kind = models.CharField(_("jenis"), max_length=16, choices=DenominatorKind.choices)
    value = models.BigIntegerField(_("jumlah"))
    source = models.CharField(_("sumber"), max_length=500)
    # Demo figures chosen to reproduce published rates are estimates, and say so on every figure.
    estimate = models.BooleanField(_("perkiraan"), default=False)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "period", "kind", "source"], name="denominator_once"),
            models.CheckConstraint(condition=Q(value__gt=0), name="denominator_positive"),
        ]
        indexes = [models.Index(fields=["region_code", "kind", "starts"], name="denominator_lookup")]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.kind} {self.period}"


class Segment(models.TextChoices):
    PU = "PU", _("Penerima upah")
    BPU = "BPU", _("Bukan penerima upah")
    JAKON = "JAKON", _("Jasa konstruksi")
    PMI = "PMI", _("Pekerja migran Indonesia")


class ParticipantCount(models.Model):
    """Active participants BPJS reports for a region, segment and month."""

    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)  # "": Indonesia
    month = models.DateField(_("bulan"))
    segment = models.CharField(_("segmen"), max_length=5, choices=Segment.choices)
    participants = models.BigIntegerField(_("peserta aktif"))
    source = models.CharField(_("sumber"), max_length=500)
    estimate = models.BooleanField(_("perkiraan"), default=False)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "month", "segment", "source"], name="participants_once"),
            models.CheckConstraint(condition=Q(participants__gte=0), name="participants_not_negative"),
        ]
        indexes = [models.Index(fields=["region_code", "month"], name="participants_lookup")]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.segment} {self.month:%Y-%m}"


class RegionTarget(models.Model):
    """A region's own coverage target for a year (RPJMD), entered by its users."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target cakupan"), max_digits=5, decimal_places=4)
    citation = models.CharField(_("dasar (RPJMD)"), max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="region_target_once"),
            models.CheckConstraint(condition=Q(value__gt=0, value__lte=1), name="region_target_ratio"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.value}"


class Aggregate(models.Model):
    """Jaring's own figures per region (every level) × month × segment, precomputed so that no dashboard
    request scans the registry or the bill lines (refresh.py)."""

    region_code = models.CharField(max_length=13, blank=True)  # every level; "": Indonesia
    month = models.DateField()
    segment = models.CharField(max_length=5)  # the programme's: bpu, pu, adhoc
    registered = models.BigIntegerField(default=0)  # workers in the registry (segment "" only)
    sponsored = models.BigIntegerField(default=0)  # memberships active in the month
    lapsed = models.BigIntegerField(default=0)  # memberships that lapsed in the month
    proposed = models.BigIntegerField(default=0)
    accepted = models.BigIntegerField(default=0)
    billed = models.BigIntegerField(default=0)  # members with an iuran line for the month
    # The funnel's last step for the memberships that started in the month: those with any iuran line.
    funnel_billed = models.BigIntegerField(default=0)
    billed_amount = models.DecimalField(max_digits=18, decimal_places=0, default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region_code", "month", "segment"], name="aggregate_once")]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.month:%Y-%m} {self.segment}"


class Dimension(models.TextChoices):
    OCCUPATION = "occupation", _("Pekerjaan")
    SPONSOR = "sponsor", _("Pemberi dana")


class Breakdown(models.Model):
    """Jaring's own figures per region × month split by the worker's occupation or by the sponsor, precomputed
    with the aggregates. A worker co-funded by several sponsors counts under each of them; the amount billed
    is the sponsor's own bills' share, so amounts add up and worker counts do not."""

    region_code = models.CharField(max_length=13, blank=True)
    month = models.DateField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=40)  # the occupation's code ("" when not filled in) or the sponsor's id
    label = models.CharField(max_length=200)  # its name when refreshed, so that reading needs no join
    sponsored = models.BigIntegerField(default=0)
    lapsed = models.BigIntegerField(default=0)
    billed_amount = models.DecimalField(max_digits=18, decimal_places=0, default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "month", "dimension", "key"], name="breakdown_once")
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.month:%Y-%m} {self.dimension} {self.key}"


class RefreshJob(Job):
    """Recomputing the aggregates, as a durable job (after imports, enrolment and billing runs)."""

    HANDLER = "jaring.coverage.refresh.refresh_job_run"
    STAGES = {"refresh": _("Menghitung ulang agregat cakupan")}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"agregat ({self.status})"


# Published rates and their recomputation live in their own module; imported here so Django finds the model.
from jaring.coverage.models_counted import BilledMember as BilledMember  # noqa: E402
from jaring.coverage.models_counted import CountedBill as CountedBill  # noqa: E402
from jaring.coverage.models_published import PublishedFigure as PublishedFigure  # noqa: E402
