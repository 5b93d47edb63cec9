"""Reads of the region reference table. Regions are reference data; who may see which is decided
by ``jaring.accounts.access``."""

from __future__ import annotations

from django.db.models import QuerySet

from jaring.regions.codes import normalize_region_code, region_level
from jaring.regions.models import Region
from jaring.regions.naming import has_regency_or_city_prefix, normalize_region_name


class RegionNotFound(LookupError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegionAmbiguous(LookupError):
    def __init__(self, name: str, candidates: list[Region]) -> None:
        labels = ", ".join(f"{r.label} ({r.code})" for r in candidates)
        self.message = f"Nama wilayah {name!r} ambigu: {labels}. Sebutkan 'Kabupaten' atau 'Kota', atau pakai kode."
        super().__init__(self.message)
        self.candidates = candidates


def region_get(code: str) -> Region:
    """By dotted code (or digits); raises RegionNotFound with an Indonesian message."""
    dotted = normalize_region_code(code)
    region = Region.objects.filter(code=dotted).first()
    if region is None:
        raise RegionNotFound(f"Wilayah dengan kode {dotted} tidak ditemukan dalam data Kemendagri.")
    return region


def ancestor_codes(code: str) -> list[str]:
    """'33.28.01.2001' -> ['33', '33.28', '33.28.01'] (province first)."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def region_ancestors(region: Region) -> list[Region]:
    codes = ancestor_codes(region.code)
    by_code = Region.objects.in_bulk(codes)
    return [by_code[c] for c in codes if c in by_code]


def region_descendants(region: Region, *, level: int | None = None) -> QuerySet[Region]:
    qs = Region.objects.filter(code__startswith=f"{region.code}.")
    if level is not None:
        qs = qs.filter(level=level)
    return qs


def region_children(region: Region | None) -> QuerySet[Region]:
    if region is None:
        return Region.objects.filter(level=1)
    return Region.objects.filter(parent=region)


def region_find_by_name(name: str, *, parent: Region | None, level: int | None = None) -> Region:
    """Finds a region by name directly under ``parent`` (provinces when None).

    "Tegal" under Jawa Tengah is ambiguous (Kabupaten and Kota Tegal): rather than guess, it raises
    RegionAmbiguous. "Kab. Tegal" and "Kota Tegal" each find exactly one.
    """
    wanted = normalize_region_name(name)
    if not wanted:
        raise RegionNotFound("Nama wilayah kosong.")
    qs = region_children(parent)
    if level is not None:
        qs = qs.filter(level=level)
    exact = list(qs.filter(match_name=wanted))
    child_level = 1 if parent is None else region_level(parent.code) + 1
    if not exact and child_level == 2 and not has_regency_or_city_prefix(wanted):
        exact = list(qs.filter(match_name__in=[f"kabupaten {wanted}", f"kota {wanted}"]))
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise RegionAmbiguous(name, exact)
    where = f" di {parent.label}" if parent is not None else ""
    raise RegionNotFound(f"Wilayah {name!r} tidak ditemukan{where}.")
