from __future__ import annotations

from typing import Any

from django.http import HttpRequest
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
