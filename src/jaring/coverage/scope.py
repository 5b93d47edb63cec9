"""Which region a coverage page may show: a region in the user's scope (by its code in the URL), the whole
country (``id``) only for a national user; anything else is "not found", as for a region that does not exist."""

from __future__ import annotations

import re

from django.http import Http404

from jaring.accounts.access import NotInScope, code_in_scope, scope_code
from jaring.regions.models import Region

NATIONAL = "id"


def coverage_code(user: object, slug: str) -> str:
    """The region code of a coverage URL ("" for Indonesia), or 404."""
    code = "" if slug == NATIONAL else slug
    if code and not re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", code):
        raise Http404
    if (code and not code_in_scope(user, code)) or (not code and scope_code(user) is not None):
        raise NotInScope("Wilayah tidak ditemukan.")
    return code


def coverage_region_name(code: str) -> str:
    if not code:
        return "Indonesia"
    region = Region.objects.filter(code=code).only("name").first()
    if region is None:
        raise NotInScope("Wilayah tidak ditemukan.")
    return region.name
