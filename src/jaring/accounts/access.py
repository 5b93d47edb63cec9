"""The only way views and API endpoints reach data: role and region checks, one function per object.

Out-of-scope objects raise ``NotInScope`` (rendered as 404, so existence is not revealed);
missing capabilities raise ``PermissionDenied`` (403).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from jaring.accounts.models import ApiToken
from jaring.accounts.roles import CAPABILITIES
from jaring.regions.models import Region
from jaring.regions.selectors import RegionNotFound, ancestor_codes, region_get


class NotInScope(LookupError):
    """The object exists outside the user's region, or not at all: callers answer 404 either way."""


def scope_code(user: Any) -> str | None:
    """The user's region code; None for a national superuser. Raises for users without a scope."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Silakan masuk terlebih dahulu.")
    if user.region_id is None:
        if user.is_superuser:
            return None
        raise PermissionDenied("Akun ini belum terikat pada wilayah.")
    return str(user.region_id)


def code_in_scope(user: Any, code: str) -> bool:
    scope = scope_code(user)
    return scope is None or code == scope or code.startswith(f"{scope}.")


def has_capability(user: Any, capability: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return capability in CAPABILITIES.get(user.role, frozenset())


def require_capability(user: Any, capability: str) -> None:
    if not has_capability(user, capability):
        raise PermissionDenied("Peran Anda tidak mengizinkan tindakan ini.")


def access_region(user: Any, code: str) -> Region:
    """A region the user may look at: their own, anything inside it, or one of its ancestors
    (so a village operator can see which regency and province they belong to)."""
    require_capability(user, "regions.view")
    try:
        region = region_get(code)
    except (RegionNotFound, ValueError) as exc:
        raise NotInScope(str(exc)) from exc
    scope = scope_code(user)
    in_scope = code_in_scope(user, region.code)
    is_ancestor = scope is not None and region.code in ancestor_codes(scope)
    if not in_scope and not is_ancestor:
        raise NotInScope(f"Wilayah dengan kode {region.code} tidak ditemukan.")
    return region


def access_api_token(user: Any, token_id: int) -> ApiToken:
    """One of the user's own active tokens."""
    require_capability(user, "tokens.own")
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise NotInScope("Token tidak ditemukan.")
    return token
