"""Who speaks for a sponsor: the users of the sponsor role linked to it (Sponsor.members), who then see the
programmes it funds and nothing else (funding.selectors). A region's administrator links and unlinks them.

An administrator manages the sponsors of its own region and below (not the province's above it), and links
only active sponsor-role users bound inside its region.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from jaring.accounts.access import NotInScope, code_in_scope, has_capability, scope_code
from jaring.accounts.models import User
from jaring.accounts.roles import Cap, Role
from jaring.audit.services import audit_record
from jaring.funding.models import Sponsor
from jaring.funding.services import FundingRefused


def may_manage_members(user: Any, sponsor: Sponsor) -> bool:
    return has_capability(user, Cap.USERS_MANAGE) and code_in_scope(user, sponsor.region_id)


def sponsor_user_candidates(user: Any) -> QuerySet[User]:
    """Active sponsor-role users bound inside the administrator's region, by name."""
    users = User.objects.filter(role=Role.SPONSOR, is_active=True).select_related("region")
    scope = scope_code(user)
    if scope is not None:
        users = users.filter(Q(region_id=scope) | Q(region__code__startswith=f"{scope}."))
    return users.order_by("first_name", "last_name", "username")


def access_sponsor_user(user: Any, user_id: int) -> User:
    """A sponsor-role user the administrator may link; anyone else (another role, another region) is
    answered as unknown."""
    found = sponsor_user_candidates(user).filter(pk=user_id).first()
    if found is None:
        raise NotInScope(f"Pengguna pemberi dana nomor {user_id} tidak ditemukan.")
    return found


def _require_manage(actor: Any, sponsor: Sponsor) -> None:
    if not may_manage_members(actor, sponsor):
        raise PermissionDenied("Hanya administrator wilayah sponsor yang dapat mengatur penggunanya.")


def _audit(actor: Any, sponsor: Sponsor, member: User, action: str) -> None:
    audit_record(
        actor=actor, action=action, obj=sponsor, region_code=sponsor.region_id,
        summary={"sponsor": sponsor.pk, "user": member.username},
    )  # fmt: skip


@transaction.atomic
def sponsor_member_add(*, actor: Any, sponsor: Sponsor, member: User) -> None:
    _require_manage(actor, sponsor)
    if member.role != Role.SPONSOR:
        raise FundingRefused("SPONSOR_MEMBER.ROLE", "Hanya pengguna berperan Pemberi Dana yang dapat mewakili sponsor.")
    if not member.is_active:
        raise FundingRefused("SPONSOR_MEMBER.INACTIVE", f"Akun {member.username} tidak aktif.")
    if not code_in_scope(actor, str(member.region_id)):
        raise NotInScope(f"Pengguna pemberi dana nomor {member.pk} tidak ditemukan.")
    if sponsor.members.filter(pk=member.pk).exists():
        raise FundingRefused("SPONSOR_MEMBER.EXISTS", f"{member} sudah mewakili {sponsor.name}.")
    sponsor.members.add(member)
    _audit(actor, sponsor, member, "sponsor.member.add")


@transaction.atomic
def sponsor_member_remove(*, actor: Any, sponsor: Sponsor, member: User) -> None:
    _require_manage(actor, sponsor)
    if not sponsor.members.filter(pk=member.pk).exists():
        raise FundingRefused("SPONSOR_MEMBER.ABSENT", f"{member} tidak mewakili {sponsor.name}.")
    sponsor.members.remove(member)
    _audit(actor, sponsor, member, "sponsor.member.remove")
