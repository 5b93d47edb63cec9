"""The coverage report through the REST API (issue 12): the JSON of `jaring report coverage --json` for a region
and month, scoped like the dashboard (another region answers 404); a leader's counts under 5 are withheld."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap, Role
from jaring.coverage.indicators import Figure
from jaring.coverage.report import CoverageReportRefused, coverage_report
from jaring.coverage.scope import coverage_code
from jaring.coverage.shown import withheld_terms
from jaring.funding.api import Problem

router = Router(tags=["cakupan"])


class CoverageIndicatorOut(Schema):
    code: str
    value: str | None = Field(description="rasio dibulatkan setengah ke atas, 4 desimal; null bila penyebut tidak ada")
    numerator: int | None
    denominator: int | None
    denominator_kind: str | None
    denominator_period: str | None
    source: str
    target: str | None
    gap: str | None


class CoverageReportOut(Schema):
    region: str = Field(description='kode wilayah Kemendagri; "" untuk Indonesia')
    month: str = Field(description="YYYY-MM")
    indicators: list[CoverageIndicatorOut]


class CoverageQuery(Schema):
    month: str = Field(description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")


def _withheld(figure: Figure) -> dict[str, Any]:
    """The figure as a leader may have it: a count of people under 5 (numerator or denominator) is null, and
    so is the ratio built on it, the same rule as the dashboard's (coverage/shown.py)."""
    body = figure.as_json()
    hidden_n, hidden_d = withheld_terms(figure)
    if hidden_n:
        body["numerator"] = None
    if hidden_d:
        body["denominator"] = None
    if hidden_n or hidden_d:
        body |= {"value": None, "gap": None}
    return body


@router.get(
    "/coverage/{region}",
    response={200: CoverageReportOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Indikator cakupan sebuah wilayah untuk satu bulan (sama dengan `jaring report coverage --json`)",
    description='`region`: kode wilayah (mis. 33.28), atau "id" untuk Indonesia (hanya pengguna nasional).',
)
def coverage_get(request: HttpRequest, region: str, query: Query[CoverageQuery]) -> dict[str, Any]:
    require_capability(request.user, Cap.DASHBOARD_VIEW)
    code = coverage_code(request.user, region)
    year, month = (int(x) for x in query.month.split("-"))
    if not 1 <= month <= 12:
        raise ValueError("MONTH.FORMAT: Bulan harus YYYY-MM dengan bulan 01 sampai 12.")
    try:
        report = coverage_report(region_code=code, month=date(year, month, 1))
    except CoverageReportRefused as refused:
        raise ValueError(f"{refused.code}: {refused.message}") from refused
    body = report.as_json()
    if getattr(request.user, "role", "") == Role.LEADER:
        body["indicators"] = [_withheld(f) for f in report.figures]
    return body
