"""Jaring's own page for a refused form (CSRF); 400/403/404/500 are the templates of the same names."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django logs the reason (django.security.csrf); the page only says what the user can do.
    return render(request, "web/csrf_failure.html", status=403)
