"""The reference for bench/load.py: the cheapest JSON answer this Django stack can give.

Same server, same worker processes and the same middleware as the real endpoints, no authentication and
no database, so the load test's ratio shows only what an endpoint adds. Mounted only when
``JARING_BENCH_REFERENCE=1`` (see jaring.urls).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse


def reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})
