from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from jaring.accounts.access import NotInScope


class NotInScopeMiddleware:
    """Turns an out-of-region access into the same 404 as a missing object, so pages reveal nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotInScope):
            raise Http404(str(exception)) from exception
        return None


class HtmxLoginRedirectMiddleware:
    """A signed-out htmx request is sent to the login page as a whole page, not swapped into a fragment.

    ``login_required`` answers 302; the browser's XMLHttpRequest follows it silently and htmx would put
    the login form where the search results or the NIK result belong. ``HX-Redirect`` makes htmx load
    the login page in the window instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code != 302:
            return response
        location = response.get("Location", "")
        if not location.startswith(resolve_url(settings.LOGIN_URL)):
            return response
        redirect = HttpResponse(status=204)
        redirect["HX-Redirect"] = location
        return redirect
