from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.rules.nik import check_nik
from jaring.web.nik_lookup import region_name_lookup

router = Router(tags=["NIK"])


class NikProblem(Schema):
    """A refusal: a sentence in Indonesian, or the list of invalid fields (422 from validation)."""

    detail: str | list[dict[str, Any]]


class IssueOut(Schema):
    code: str
    message: str


class NikOut(Schema):
    valid: bool
    errors: list[IssueOut]
    warnings: list[IssueOut]
    sex: str | None
    birth_date: str | None
    province_code: str | None
    regency_code: str | None
    district_code: str | None
    region_names: dict[str, str]


@router.get(
    "/nik/{nik}",
    response={200: NikOut, 401: NikProblem, 403: NikProblem},
    summary="Periksa struktur NIK (tanpa data kependudukan)",
)
def nik_get(request: HttpRequest, nik: str) -> dict[str, Any]:
    require_capability(request.user, Cap.NIK_CHECK)
    return check_nik(nik, reference_date=timezone.localdate(), region_lookup=region_name_lookup).as_json()


class NikIn(Schema):
    nik: str


@router.post(
    "/nik",
    response={200: NikOut, 400: NikProblem, 401: NikProblem, 403: NikProblem, 422: NikProblem},
    summary="Periksa struktur NIK yang dikirim di badan permintaan (tidak tercatat di log)",
)
def nik_post(request: HttpRequest, payload: NikIn) -> dict[str, Any]:
    # The GET form puts the NIK in the URL, which servers and proxies log; the body stays out of them.
    require_capability(request.user, Cap.NIK_CHECK)
    return check_nik(payload.nik, reference_date=timezone.localdate(), region_lookup=region_name_lookup).as_json()
