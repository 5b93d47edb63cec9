"""Content-Security-Policy on every response (Django 5.2 has none built in; Django 6 adds one)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.JARING_CSP``, or the policy of the longest matching prefix in ``JARING_CSP_BY_PATH``.

    A response that already carries a policy keeps it, so a view can tighten its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policy: str = settings.JARING_CSP
        by_path: dict[str, str] = settings.JARING_CSP_BY_PATH
        self.by_path = sorted(by_path.items(), key=lambda item: len(item[0]), reverse=True)

    def __call__(self, request: HttpRequest) -> HttpResponseBase | HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = self.policy_for(request.path)
        return response

    def policy_for(self, path: str) -> str:
        for prefix, policy in self.by_path:
            if path.startswith(prefix):
                return policy
        return self.policy
