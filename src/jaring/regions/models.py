from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact


class Level(models.IntegerChoices):
    PROVINCE = 1, "Provinsi"
    REGENCY = 2, "Kabupaten/Kota"
    DISTRICT = 3, "Kecamatan"
    VILLAGE = 4, "Desa/Kelurahan"


class RegionType(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"
    KECAMATAN = "kecamatan", "Kecamatan"
    DISTRIK = "distrik", "Distrik"
    KELURAHAN = "kelurahan", "Kelurahan"
    DESA = "desa", "Desa"
    DESA_ADAT = "desa_adat", "Desa Adat"


# Dotted code lengths by level: "33", "33.28", "33.28.01", "33.28.01.2001".
CODE_LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}


class Region(models.Model):
    """A Kemendagri administrative region (Kepmendagri 300.2.2-2138/2025)."""

    code = models.CharField("kode", max_length=13, primary_key=True)
    level = models.PositiveSmallIntegerField("tingkat", choices=Level.choices)
    type = models.CharField("jenis", max_length=12, choices=RegionType.choices)
    parent = models.ForeignKey(
        "self", verbose_name="induk", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("nama", max_length=120)
    # Lower-cased name without prefixes, for lookups that must not confuse Kabupaten/Kota Tegal.
    match_name = models.CharField(max_length=120, db_index=True)
    postal_code = models.CharField("kode pos", max_length=5, blank=True)

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "match_name"], name="region_parent_match")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=1) & Q(parent__isnull=True)) | (Q(level__gt=1) & Q(parent__isnull=False)),
                name="region_parent_iff_not_province",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(level=1) & Exact(Length("code"), 2))
                    | (Q(level=2) & Exact(Length("code"), 5))
                    | (Q(level=3) & Exact(Length("code"), 8))
                    | (Q(level=4) & Exact(Length("code"), 13))
                ),
                name="region_code_length_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def label(self) -> str:
        """ "Kabupaten Tegal", "Kecamatan Adiwerna", "Desa Lemahduwur"."""
        prefix = {
            "kecamatan": "Kecamatan",
            "distrik": "Distrik",
            "kelurahan": "Kelurahan",
            "desa": "Desa",
            "desa_adat": "Desa Adat",
        }.get(self.type, "")
        return f"{prefix} {self.name}" if prefix else self.name


class ReferenceDataset(models.Model):
    """Which version of a reference data set is loaded, so a second `jaring setup` can skip it."""

    name = models.CharField(max_length=60, unique=True)
    checksum = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} ({self.rows})"
