from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from jaring.accounts.access import access_region
from jaring.regions.selectors import region_ancestors, region_children

router = Router(tags=["wilayah"])


class RegionProblem(Schema):
    detail: str


class RegionRef(Schema):
    code: str
    name: str
    type: str


class RegionOut(Schema):
    code: str
    name: str
    level: int
    type: str
    parent_code: str | None
    postal_code: str | None
    ancestors: list[RegionRef]
    children_count: int


@router.get(
    "/regions/{code}",
    response={200: RegionOut, 401: RegionProblem, 403: RegionProblem, 404: RegionProblem},
    summary="Satu wilayah Kemendagri",
)
def region_get(request: HttpRequest, code: str) -> RegionOut:
    region = access_region(request.user, code)
    return RegionOut(
        code=region.code,
        name=region.name,
        level=region.level,
        type=region.type,
        parent_code=region.parent_id,
        postal_code=region.postal_code or None,
        ancestors=[RegionRef(code=a.code, name=a.name, type=a.type) for a in region_ancestors(region)],
        children_count=region_children(region).count(),
    )
