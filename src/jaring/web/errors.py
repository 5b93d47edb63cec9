"""Jaring's own error pages: 400/403/404/500 and a refused form (CSRF), as a page or, for htmx, a fragment.

A full page swapped into a table body by htmx would nest a second page inside the first, and htmx leaves a
4xx/5xx response unswapped by default, so the user would see nothing happen. An htmx request gets the
same message as a card that replaces the page's main content (``HX-Retarget``); base.html tells htmx to
swap these four status codes.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views import defaults

# The same words as the full pages (400.html ... csrf_failure.html). No context processors, no user: a 500
# must render with the database down.
_FRAGMENTS: dict[str, tuple[int, str | Promise, str | Promise]] = {
    "400": (400, _("Permintaan tidak sah"), _("Server tidak dapat memahami permintaan ini.")),
    "403": (
        403,
        _("Akses ditolak"),
        _("Peran Anda tidak boleh membuka halaman ini. Hubungi administrator jika Anda memerlukannya."),
    ),
    "404": (404, _("Halaman tidak ditemukan"), _("Alamat ini tidak ada, atau datanya di luar wilayah Anda.")),
    "500": (
        500,
        _("Terjadi kesalahan di server"),
        _("Permintaan Anda tidak dapat diselesaikan. Kesalahan ini sudah tercatat; coba lagi sebentar lagi."),
    ),
    "csrf": (
        403,
        _("Formulir ditolak"),
        _("Formulir ini sudah kedaluwarsa atau tidak dikirim dari halaman Jaring. Muat ulang halaman lalu kirim lagi."),
    ),
}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _fragment(kind: str) -> HttpResponse:
    status, title, message = _FRAGMENTS[kind]
    html = render_to_string("web/_error.html", {"title": title, "message": message, "kind": kind})
    response = HttpResponse(html, status=status)
    response["HX-Retarget"] = "main"
    response["HX-Reswap"] = "innerHTML"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_htmx(request):
        return _fragment("400")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_htmx(request):
        return _fragment("403")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_htmx(request):
        return _fragment("404")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_htmx(request):
        return _fragment("500")
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django logs the reason (django.security.csrf); the page only says what the user can do.
    if _is_htmx(request):
        return _fragment("csrf")
    return render(request, "web/csrf_failure.html", status=403)
