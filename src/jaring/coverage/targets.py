"""A region's own coverage targets (RPJMD), entered by its Pemda's staff: the dashboard measures the gap to
them instead of the national trajectory once a region has any (indicators.target_points)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.audit.services import audit_record
from jaring.coverage.models import RegionTarget
from jaring.refusal import Refused
from jaring.regions.models import Region

FIRST_YEAR, LAST_YEAR = 2020, 2045  # RPJMDs now in force up to the RPJPN's horizon


class TargetRefused(Refused):
    """A target that cannot be kept as typed: nothing saved."""


@dataclass(frozen=True)
class TargetInput:
    year: int
    percent: Decimal  # as typed on the page: 45,5 means 45.5%
    citation: str


def _region(actor: Any, region_code: str) -> Region:
    region = Region.objects.filter(code=region_code).first()
    # Another region's code is answered as a code that does not exist.
    if region is None or (actor is not None and not code_in_scope(actor, region_code)):
        raise NotInScope("Wilayah tidak ditemukan.")
    if region.level > 2:
        raise TargetRefused(
            "TARGET.LEVEL", "Target RPJMD hanya untuk provinsi dan kabupaten/kota, bukan kecamatan atau desa."
        )
    return region


def _checked(data: TargetInput) -> TargetInput:
    if not FIRST_YEAR <= data.year <= LAST_YEAR:
        raise TargetRefused("TARGET.YEAR", f"Tahun target harus antara {FIRST_YEAR} dan {LAST_YEAR}.")
    if not Decimal(0) < data.percent <= Decimal(100):
        raise TargetRefused("TARGET.VALUE", "Target cakupan harus lebih dari 0% dan paling banyak 100%.")
    if data.percent != data.percent.quantize(Decimal("0.01")):
        raise TargetRefused("TARGET.VALUE", "Tulis target dengan paling banyak dua angka desimal, mis. 45,25%.")
    if not data.citation.strip():
        raise TargetRefused("TARGET.CITATION", "Sebutkan dasarnya, mis. Perda RPJMD Kabupaten Tegal 2025–2029.")
    return data


def region_target_set(*, actor: Any, region_code: str, data: TargetInput) -> RegionTarget:
    """Keeps the region's target for the year, replacing an earlier one for the same year."""
    region = _region(actor, region_code)
    data = _checked(data)
    value = (data.percent / 100).quantize(Decimal("0.0001"))
    with transaction.atomic():
        earlier = RegionTarget.objects.select_for_update().filter(region=region, year=data.year).first()
        target, _ = RegionTarget.objects.update_or_create(
            region=region,
            year=data.year,
            defaults={"value": value, "citation": data.citation.strip(), "created_at": timezone.now()},
        )
        audit_record(
            actor=actor,
            action="coverage.target.set",
            obj=target,
            region_code=region.code,
            summary={
                "year": data.year,
                "value": str(value),
                "citation": target.citation,
                "replaced": None if earlier is None else str(earlier.value),
            },
        )
    return target


def region_target_remove(*, actor: Any, region_code: str, year: int) -> None:
    region = _region(actor, region_code)
    with transaction.atomic():
        target = RegionTarget.objects.select_for_update().filter(region=region, year=year).first()
        if target is None:
            raise TargetRefused("TARGET.MISSING", f"Tidak ada target untuk tahun {year}.")
        audit_record(
            actor=actor,
            action="coverage.target.remove",
            obj=target,
            region_code=region.code,
            summary={"year": year, "value": str(target.value), "citation": target.citation},
        )
        target.delete()


def region_targets(region_code: str) -> list[RegionTarget]:
    return list(RegionTarget.objects.filter(region__code=region_code).order_by("year"))
