"""Region names for NIK checks, read from the loaded Region table."""

from __future__ import annotations

from jaring.regions.models import Region


def region_name_lookup(code: str) -> str | None:
    return Region.objects.filter(code=code).values_list("name", flat=True).first()
