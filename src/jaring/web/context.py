"""Navigation shown to each role: only the pages the user may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring import __version__
from jaring.accounts.access import has_capability
from jaring.accounts.roles import Cap


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    capabilities: tuple[str, ...]  # any one of them; empty: every signed-in user


def _items() -> list[NavItem]:
    return [
        NavItem(_("Beranda"), reverse("web:home"), ()),
        NavItem(_("Pekerja"), reverse("registry:workers"), (Cap.WORKERS_VIEW,)),
        NavItem(_("Impor"), reverse("imports:upload"), (Cap.WORKERS_IMPORT,)),
        NavItem(_("Program"), reverse("funding:programmes"), (Cap.PROGRAMMES_VIEW,)),
        NavItem(_("Cakupan"), reverse("coverage:home"), (Cap.DASHBOARD_VIEW,)),
        NavItem(_("Tagihan"), reverse("billing:sponsors"), (Cap.BILLING_VIEW, Cap.BILLING_TOTALS)),
        # Reviewing pairs is for who may resolve them, or read everything; others could only see buttons refuse.
        NavItem(_("Duplikat"), reverse("registry:duplicates"), (Cap.DUPLICATES_RESOLVE, Cap.AUDIT_VIEW)),
        NavItem(_("Permintaan pindah"), reverse("registry:moves"), (Cap.WORKERS_EDIT, Cap.AUDIT_VIEW)),
        NavItem(_("Cek NIK"), reverse("web:nik_check"), (Cap.NIK_CHECK,)),
        NavItem(_("Kalkulator"), reverse("web:calc_contribution"), (Cap.REGIONS_VIEW,)),
        NavItem(_("Jejak audit"), reverse("web:audit"), (Cap.AUDIT_VIEW,)),
        NavItem(_("Token API"), reverse("accounts:tokens"), (Cap.TOKENS_OWN,)),
        NavItem(_("Dokumentasi API"), reverse("api_docs"), (Cap.TOKENS_OWN,)),
    ]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "JARING_VERSION": __version__}
    items = [i for i in _items() if not i.capabilities or any(has_capability(user, c) for c in i.capabilities)]
    return {"nav_items": items, "current_path": request.path, "JARING_VERSION": __version__}
