"""Coverage rates that officials published, kept with the counts printed beside them and our own rate
recomputed from those counts (issue 12; ADR 0014: a published percentage is never copied)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublishedSegment(models.TextChoices):
    PU = "PU", _("Penerima upah (PU)")
    BPU = "BPU", _("Bukan penerima upah (BPU)")
    JAKON = "JAKON", _("Jasa konstruksi")
    PMI = "PMI", _("Pekerja migran Indonesia")
    TOTAL = "TOTAL", _("Semua segmen")


class PublishedFigure(models.Model):
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)  # "": Indonesia
    period = models.CharField(_("periode"), max_length=7)  # YYYY or YYYY-MM, as published
    starts = models.DateField()
    segment = models.CharField(_("segmen"), max_length=5, choices=PublishedSegment.choices)
    # The counts printed with the rate; blank when the publication gave none (then nothing is recomputed).
    participants = models.BigIntegerField(_("peserta"), null=True)
    potential = models.BigIntegerField(_("penyebut (potensi)"), null=True)
    reported = models.DecimalField(_("angka yang diterbitkan"), max_digits=9, decimal_places=6)
    reported_places = models.PositiveSmallIntegerField()  # decimals of the ratio as printed
    recomputed = models.DecimalField(_("hitungan ulang"), max_digits=9, decimal_places=4, null=True)
    difference = models.DecimalField(_("selisih"), max_digits=9, decimal_places=6, null=True)
    flagged = models.BooleanField(_("tidak cocok"), default=False)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    source = models.CharField(_("sumber"), max_length=500)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "period", "segment", "source"], name="published_once"),
            models.CheckConstraint(condition=Q(participants__gte=0), name="published_participants_not_negative"),
            models.CheckConstraint(condition=Q(potential__gt=0), name="published_potential_positive"),
            models.CheckConstraint(condition=Q(reported__gte=0), name="published_reported_not_negative"),
        ]
        indexes = [models.Index(fields=["region_code", "starts"], name="published_lookup")]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.segment} {self.period}"
