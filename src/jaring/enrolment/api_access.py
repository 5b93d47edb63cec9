"""What every enrolment endpoint shares: the programme a write may touch, and how a refusal is answered."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from ninja import Field, Status

from jaring.enrolment.services import EnrolmentRefused
from jaring.funding.api import refusal
from jaring.funding.models import Programme
from jaring.funding.selectors import access_programme, may_edit_programme

TEXT = r"^[^\x00-\x1f\x7f]*$"
# Refusals a person fixes in the request itself (400); every other refusal of the lifecycle is a clash with
# the memberships as they stand (409).
INPUT_CODES = {"MEMBERSHIP.REASON", "WORKER.OUTSIDE_PROGRAMME"}
MembershipId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def editable_programme(user: Any, programme_id: int) -> Programme:
    """Another region's programme is 404 (as an unknown one); one the user may only read is 403."""
    programme = access_programme(user, programme_id)
    if not may_edit_programme(user, programme):
        raise PermissionDenied("Hanya operator wilayah program yang dapat mengubah program ini.")
    return programme


def enrolment_refusal(exc: EnrolmentRefused) -> Status[Any]:
    return Status(400 if exc.code in INPUT_CODES else 409, refusal(exc.code, exc.message))
