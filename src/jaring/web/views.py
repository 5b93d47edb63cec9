from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaring.accounts.access import access_region, require_capability, scope_code
from jaring.accounts.models import User
from jaring.accounts.roles import Cap, Role
from jaring.audit.selectors import audit_events_in_scope
from jaring.coverage.views import dashboard_context
from jaring.regions.selectors import region_ancestors, region_children
from jaring.rules.nik import check_nik
from jaring.web.audit_words import ACTIONS, action_label, object_label, summary_items
from jaring.web.home_cards import ROLE_SUMMARY, home_cards_for
from jaring.web.nik_lookup import region_name_lookup
from jaring.web.selectors import region_worker_counts


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = scope_code(user)
    region = access_region(user, scope) if scope else None
    # The leader's question is "how far are we?": his home page opens on his region's coverage dashboard.
    board = dashboard_context(request, scope) if user.role == Role.LEADER and scope else {}
    return render(
        request,
        "web/home.html",
        board
        | {
            "region": region,
            "ancestors": region_ancestors(region) if region else [],
            "role_label": Role(user.role).label if user.role else _("Superuser nasional"),
            "summary": ROLE_SUMMARY.get(user.role, ""),
            "cards": home_cards_for(user, region),
        },
    )


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    region = access_region(user, code)
    children = region_children(region).only("code", "name", "type", "level", "postal_code")
    counts = region_worker_counts(user, region)
    return render(
        request,
        "web/region_detail.html",
        {
            "region": region,
            "ancestors": region_ancestors(region),
            "rows": [(c, counts.by_child.get(c.code, 0) if counts else None) for c in children],
            "counts": counts,
        },
    )


@login_required
def nik_check(request: HttpRequest) -> HttpResponse:
    require_capability(_user(request), Cap.NIK_CHECK)
    raw = request.GET.get("nik", "").strip()
    result = check_nik(raw, reference_date=timezone.localdate(), region_lookup=region_name_lookup) if raw else None
    template = "web/_nik_result.html" if request.htmx else "web/nik_check.html"  # type: ignore[attr-defined]
    return render(request, template, {"raw": raw, "result": result})


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_capability(user, Cap.AUDIT_VIEW)
    events = audit_events_in_scope(scope_code=scope_code(user))
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [
        (e, action_label(e.action), object_label(e.object_type), summary_items(e.summary)) for e in page.object_list
    ]
    return render(request, "web/audit.html", {"page": page, "rows": rows, "action": action, "actions": ACTIONS})
