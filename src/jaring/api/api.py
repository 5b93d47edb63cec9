"""The REST API: one NinjaAPI at /api/v1/ that mounts each app's router."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError

from jaring.accounts.access import NotInScope
from jaring.api import calc, nik, regions
from jaring.api.auth import api_auth, docs_access
from jaring.billing import api as billing_api
from jaring.billing import api_reconcile
from jaring.coverage import api as coverage_api
from jaring.enrolment import api as enrolment_api
from jaring.funding import api as funding_api
from jaring.imports import api as imports_api
from jaring.registry import api as registry_api

api = NinjaAPI(
    title="Jaring API",
    version="1",
    description="Jaminan sosial ketenagakerjaan untuk pekerja rentan. Autentikasi: `Authorization: Bearer <token>`.",
    auth=api_auth,
    urls_namespace="api",
    # The schema describes the data model: only signed-in users (session or token) may read it.
    docs_decorator=docs_access,
)
api.add_router("", regions.router)
api.add_router("", nik.router)
api.add_router("", calc.router)
api.add_router("", imports_api.router)
api.add_router("", registry_api.router)
api.add_router("", funding_api.router)
api.add_router("", enrolment_api.router)
api.add_router("", billing_api.router)
api.add_router("", api_reconcile.router)
api.add_router("", coverage_api.router)


@api.exception_handler(NotInScope)
def _not_in_scope(request: HttpRequest, exc: NotInScope) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Akses ditolak."}, status=403)


@api.exception_handler(ValueError)
def _bad_input(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Token tidak sah atau belum masuk."}, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's refusal of a body that is not JSON: the same keys as the calculator's 400 answer.
    unreadable = exc.status_code == 400
    return api.create_response(
        request,
        {
            "detail": "Isi permintaan tidak dapat dibaca: kirim JSON yang sah." if unreadable else str(exc),
            "code": "BAD_REQUEST_BODY" if unreadable else f"HTTP_{exc.status_code}",
            "message_en": "The request body could not be read: send valid JSON." if unreadable else str(exc),
        },
        status=exc.status_code,
    )
