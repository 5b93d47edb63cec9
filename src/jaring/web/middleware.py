from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

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
