from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from jaring.rules.engine import RuleInputError, calculate_benefit, calculate_contribution, calculate_late_fine
from jaring.rules.parse import benefit_input, contribution_input, late_fine_fields

router = Router(tags=["kalkulator"])


class ContributionIn(Schema):
    segment: str
    on: str
    wage: str | None = None
    income: str | None = None
    risk: str | None = None
    contract_value: str | None = None
    programs: str | list[str] | None = None
    months: int | None = None
    padat_karya: bool = False
    sector: str = "other"
    funder: str = "self"
    non_asn: bool = False
    ad_hoc_election: bool = False
    # PMI: the whole placement, the before-placement iuran included, unless false.
    pre_placement: bool = True


class BenefitIn(Schema):
    kind: str
    on: str
    segment: str = "pu"
    wage: str | None = None
    contribution_months: int | None = None
    children: int | None = None
    months_off_work: int | None = None
    disability_percent: str | None = None
    total: bool = False
    function_loss_percent: str | None = None
    consecutive_months: int | None = None
    balance: str | None = None
    # Percent a year, as `--return-rate 5,5`.
    return_rate: str | None = None
    jht_reason: str = "full"


class CalcError(Schema):
    detail: str
    code: str
    message_en: str


class CalcProblem(Schema):
    """Refusals before the rules run: no token, or input that is not the documented shape."""

    detail: str | list[dict[str, Any]]


def _answer(compute: Callable[[], Any]) -> Status[Any]:
    """A result as 200, or the rules' own refusal as 400 with its code, in both languages."""
    try:
        return Status(200, compute().as_json())
    except RuleInputError as exc:
        return Status(400, {"detail": exc.message_id, "code": exc.code, "message_en": exc.message_en})


@router.post(
    "/calc/contribution",
    response={200: dict[str, Any], 400: CalcError, 401: CalcProblem, 422: CalcProblem},
    summary="Hitung iuran (sama dengan CLI)",
)
def calc_contribution(request: HttpRequest, payload: ContributionIn) -> Status[Any]:
    return _answer(lambda: calculate_contribution(contribution_input(payload.dict())))


@router.post(
    "/calc/benefit",
    response={200: dict[str, Any], 400: CalcError, 401: CalcProblem, 422: CalcProblem},
    summary="Hitung manfaat (sama dengan CLI)",
)
def calc_benefit(request: HttpRequest, payload: BenefitIn) -> Status[Any]:
    return _answer(lambda: calculate_benefit(benefit_input(payload.dict())))


class LateIn(Schema):
    due: str
    due_date: str
    paid_on: str


@router.post(
    "/calc/late",
    response={200: dict[str, Any], 400: CalcError, 401: CalcProblem, 422: CalcProblem},
    summary="Hitung denda keterlambatan iuran (sama dengan `jaring calc late`)",
)
def calc_late(request: HttpRequest, payload: LateIn) -> Status[Any]:
    def compute() -> Any:
        due, deadline, paid_on = late_fine_fields(payload.dict())
        return calculate_late_fine(due=due, due_date_given=deadline, paid_on=paid_on)

    return _answer(compute)
