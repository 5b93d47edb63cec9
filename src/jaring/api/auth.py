from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer, SessionAuth

from jaring.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer jrg_…` with a token issued on the "Token API" page or by the CLI."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


# Browser sessions may use the API too (the OpenAPI page); ninja enforces CSRF for them.
api_auth = [TokenAuth(), SessionAuth()]


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI schema and page: for a signed-in browser, or for a client with a bearer token
    (a token client cannot follow the login redirect). A wrong token is answered 401, not redirected."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and not request.user.is_authenticated:
            user = api_token_authenticate(token.strip())
            if user is None:
                return JsonResponse({"detail": "Token tidak sah atau belum masuk."}, status=401)
            request.user = user
        return login_required(view)(request, *args, **kwargs)

    return wrapped
