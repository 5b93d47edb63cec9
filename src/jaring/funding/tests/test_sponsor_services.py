"""sponsor_create and budget_line_create: scope, refusals, audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from jaring.accounts.access import NotInScope
from jaring.audit.models import AuditEvent
from jaring.funding.models import BudgetLine, Sponsor
from jaring.funding.services import (
    BudgetLineInput,
    FundingRefused,
    SponsorInput,
    budget_line_create,
    sponsor_create,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def _sponsor(actor, **changes) -> Sponsor:
    values = {"region_code": "33.28", "kind": "csr", "name": "PT  Gula Manis", "contact_name": "Bu Rina"}
    return sponsor_create(actor=actor, inp=SponsorInput(**(values | changes)))


def test_a_sponsor_is_recorded_in_the_operators_region_with_an_audit_event(tegal_operator):
    sponsor = _sponsor(tegal_operator)
    assert (sponsor.name, sponsor.region_id, sponsor.contact_name) == ("PT Gula Manis", "33.28", "Bu Rina")
    event = AuditEvent.objects.get(action="sponsor.create")
    assert (event.region_code, event.object_id) == ("33.28", str(sponsor.pk))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"name": "  "}, "SPONSOR.NAME"),
        ({"kind": "bank"}, "SPONSOR.KIND"),
        ({"name": "pt gula manis"}, "SPONSOR.EXISTS"),
    ],
)
def test_sponsor_refusals(tegal_operator, changes, code):
    _sponsor(tegal_operator)
    with pytest.raises(FundingRefused) as refused:
        _sponsor(tegal_operator, **changes)
    assert refused.value.code == code
    assert Sponsor.objects.count() == 1


def test_sponsors_are_written_only_inside_the_scope_and_by_editors(bekasi_operator, auditor, village_operator):
    with pytest.raises(NotInScope):
        _sponsor(bekasi_operator)
    for reader in (auditor, village_operator):
        with pytest.raises(PermissionDenied):
            _sponsor(reader)
    assert not Sponsor.objects.exists()


def _line(actor, sponsor, **changes) -> BudgetLine:
    values: dict[str, Any] = {
        "fiscal_year": 2027,
        "amount": Decimal(500_000_000),
        "reference": "DPA 1.02.03",
        "jkk_account": "5.1.02",
    }
    return budget_line_create(actor=actor, sponsor=sponsor, inp=BudgetLineInput(**(values | changes)), today=TODAY)


def test_a_budget_line_is_recorded_with_its_accounts_and_audited(tegal_operator):
    line = _line(tegal_operator, _sponsor(tegal_operator), revision="change")
    assert (line.fiscal_year, line.amount, line.jkk_account, line.get_revision_display()) == (
        2027, Decimal(500_000_000), "5.1.02", "APBD perubahan (APBD-P)",
    )  # fmt: skip
    assert AuditEvent.objects.get(action="budget_line.create").summary["amount"] == "500000000"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"amount": Decimal(0)}, "BUDGET_LINE.AMOUNT"),
        ({"amount": Decimal(-5)}, "BUDGET_LINE.AMOUNT"),
        ({"amount": Decimal("10.5")}, "BUDGET_LINE.AMOUNT"),
        ({"fiscal_year": 2028}, "BUDGET_LINE.YEAR"),
        ({"fiscal_year": 2020}, "BUDGET_LINE.YEAR"),
        ({"revision": "extra"}, "BUDGET_LINE.REVISION"),
    ],
)
def test_budget_line_refusals(tegal_operator, changes, code):
    with pytest.raises(FundingRefused) as refused:
        _line(tegal_operator, _sponsor(tegal_operator), **changes)
    assert refused.value.code == code
    assert not BudgetLine.objects.exists()


def test_a_budget_line_of_another_regions_sponsor_is_refused(tegal_operator, bekasi_operator):
    sponsor = _sponsor(tegal_operator)
    with pytest.raises(NotInScope):
        _line(bekasi_operator, sponsor)
