"""References for bench/load.py, mounted only when ``JARING_BENCH_REFERENCE=1`` (see jaring.urls).

Both run on the same server, worker processes and middleware as the real endpoints, with no token check:
- ``reference``: the cheapest JSON answer this Django stack can give (the server's ceiling);
- ``reference_calc``: the calculator endpoint's work in a plain Django view: the bearer token's lookup
  when one is sent (as every API request does), then parse, calculate, serialise; so the ratio of
  ``POST /api/v1/calc/contribution`` to it is what the API layer (django-ninja, schemas) costs;
- ``reference_workers``: the worker search's work the same way (the token's user, or the Tegal operator
  when no token is sent: its bounded page of ``q``, the same fields per worker as the API's list), the
  reference of ``GET /api/v1/workers``.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from jaring.accounts.models import User
from jaring.accounts.services import api_token_authenticate
from jaring.registry.api import worker_fields, worker_url
from jaring.registry.selectors import WorkerFilter, workers_page
from jaring.rules.engine import calculate_contribution
from jaring.rules.parse import contribution_input


def reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


@csrf_exempt  # a token-less bench fixture, never mounted in a real deployment
@require_POST
def reference_calc(request: HttpRequest) -> JsonResponse:
    if _bearer_refused(request):
        return JsonResponse({"detail": "Token tidak sah."}, status=401)
    return JsonResponse(calculate_contribution(contribution_input(json.loads(request.body))).as_json())


def reference_workers(request: HttpRequest) -> JsonResponse:
    user = _bearer_user(request) or User.objects.get(username="operator.tegal")
    found = workers_page(user, WorkerFilter(q=request.GET.get("q", "")), request.GET.get("page"))
    items = [{**worker_fields(w), "url": worker_url(w.pk)} for w in found]
    answer = {"count": found.count, "capped": found.capped, "page": found.number, "pages": found.num_pages}
    return JsonResponse({**answer, "items": items})


def _bearer_user(request: HttpRequest) -> User | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return api_token_authenticate(token.strip()) if scheme.lower() == "bearer" else None


def _bearer_refused(request: HttpRequest) -> bool:
    return "Authorization" in request.headers and _bearer_user(request) is None
