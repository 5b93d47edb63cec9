"""`jaring billing run|pay|status`: the interface of issue 11 (flags, JSON keys, exit codes)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jaring.billing.models import Bill, BillingRunJob, Payment
from jaring.billing.tests.cohort import sponsor

pytestmark = pytest.mark.django_db


def _cli(*args: str):
    from jaring.cli import _register, app

    _register()
    return CliRunner().invoke(app, list(args))


def test_run_twice_then_pay_then_status(tegal):
    first = _cli("billing", "run", "--month", "2026-01", "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout) == {
        "month": "2026-01", "bills": 3, "lines": 18, "total": "50400", "created": 3, "unchanged": 0,
        "adjustments": 0, "warnings": [],
    }  # fmt: skip
    again = json.loads(_cli("billing", "run", "--month", "2026-01", "--json").stdout)
    assert (again["created"], again["unchanged"], again["total"]) == (0, 3, "50400")
    # The command line's runs are job rows like the page's: any process sees them.
    assert BillingRunJob.objects.filter(status="done").count() == 2
    apbd = sponsor("Pemkab Tegal")
    paid = _cli("billing", "pay", "--sponsor", str(apbd.pk), "--amount", "40000", "--date", "2026-01-20", "--json")
    assert paid.exit_code == 0, paid.output
    body = json.loads(paid.stdout)
    assert body == {"payment": Payment.objects.get().pk, "allocated": "30240", "carried": "9760"}
    status = _cli("billing", "status", "--programme", str(tegal.pk), "--on", "2026-01-25", "--json")
    assert json.loads(status.stdout) == {"active": 3, "lapsed": 0, "paid_through": None, "arrears": "20160"}


def test_refusals_and_bad_usage(tegal):
    future = _cli("billing", "run", "--month", "2099-01", "--json")
    assert future.exit_code == 1
    assert "belum dimulai" in json.loads(future.stdout)["error"]["message_id"]
    assert _cli("billing", "run", "--month", "01/2026").exit_code == 2
    apbd = sponsor("Pemkab Tegal")
    zero = _cli("billing", "pay", "--sponsor", str(apbd.pk), "--amount", "0", "--date", "2026-01-20", "--json")
    assert (zero.exit_code, json.loads(zero.stdout)["error"]["code"]) == (1, "PAYMENT.AMOUNT")
    assert _cli("billing", "pay", "--sponsor", str(apbd.pk), "--amount", "10", "--date", "20/01/2026").exit_code == 2
    assert _cli("billing", "status", "--programme", "999999", "--json").exit_code == 1
    assert (Bill.objects.count(), Payment.objects.count()) == (0, 0)


def test_human_output_speaks_indonesian(tegal):
    result = _cli("billing", "run", "--month", "2026-01")
    assert "Tagihan bulan 01/2026: 3 (3 baru, 0 sudah ada), 18 baris, jumlah Rp 50.400" in result.stdout
