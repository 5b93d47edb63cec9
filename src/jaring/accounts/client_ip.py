"""The address a login comes from, for throttling per source.

Behind a reverse proxy every request's REMOTE_ADDR is the proxy: throttling by it would let 20
strangers' failures lock everyone out. X-Forwarded-For is believed only when REMOTE_ADDR is one of
``settings.TRUSTED_PROXIES`` (env ``TRUSTED_PROXIES``), and then only its right-most hop that is not
itself a trusted proxy: the hops to its left are whatever the client chose to send.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    trusted = set(settings.TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return _valid(hop) or remote
    return remote
