"""Recording a payment: it settles the oldest open bills first; an overpayment stays as the sponsor's
credit for the next bill, an underpayment leaves the rest of the bill open as arrears."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, require_capability
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.billing.allocation import payment_apply, sponsor_arrears
from jaring.billing.models import Payment
from jaring.billing.refusal import BillingRefused
from jaring.funding.models import Sponsor
from jaring.rules.money import format_rupiah

MAX_PAYMENT = Decimal(10) ** 15


@dataclass(frozen=True)
class PaymentResult:
    payment: Payment
    allocated: Decimal
    carried: Decimal  # paid beyond what was owed: the sponsor's credit for its next bill
    arrears: Decimal  # still owed after this payment

    def as_json(self) -> dict[str, Any]:
        # Exactly the keys of the interface (`jaring billing pay --json`).
        return {"payment": self.payment.pk, "allocated": str(int(self.allocated)), "carried": str(int(self.carried))}

    @property
    def message(self) -> str:
        paid, applied = format_rupiah(self.payment.amount), format_rupiah(self.allocated)
        text = f"Pembayaran {paid} dicatat; {applied} melunasi tagihan."
        if self.carried > 0:
            text += f" Kelebihan {format_rupiah(self.carried)} disimpan sebagai saldo untuk tagihan berikutnya."
        if self.arrears > 0:
            text += f" Masih terutang {format_rupiah(self.arrears)}."
        return text


def _check_amount(amount: Decimal) -> Decimal:
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount != amount.to_integral_value():
        raise BillingRefused("PAYMENT.AMOUNT", "Jumlah pembayaran harus rupiah bulat.")
    if amount <= 0 or amount > MAX_PAYMENT:
        raise BillingRefused("PAYMENT.AMOUNT", "Jumlah pembayaran harus lebih dari Rp 0 dan masuk akal.")
    return amount


def payment_record(
    *,
    actor: Any,
    sponsor: Sponsor,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
    sp2d_number: str = "",
    sp2d_date: date | None = None,
    kode_iuran: str = "",
    jkk_account: str = "",
    jkm_account: str = "",
    proof: str = "",
    today: date | None = None,
) -> PaymentResult:
    if actor is not None:
        require_capability(actor, Cap.BILLING_EDIT)
        if not code_in_scope(actor, sponsor.region_id):
            raise NotInScope(f"Sponsor nomor {sponsor.pk} tidak ditemukan.")
    amount = _check_amount(amount)
    today = today or timezone.localdate()
    if paid_on > today:
        raise BillingRefused("PAYMENT.FUTURE", f"Tanggal bayar {paid_on:%d/%m/%Y} belum terjadi.")
    if sp2d_date is not None and sp2d_date > today:
        raise BillingRefused("PAYMENT.FUTURE", f"Tanggal SP2D {sp2d_date:%d/%m/%Y} belum terjadi.")
    with transaction.atomic():
        payment = Payment.objects.create(
            sponsor=sponsor,
            amount=amount,
            paid_on=paid_on,
            reference=reference.strip()[:120],
            sp2d_number=sp2d_number.strip()[:60],
            sp2d_date=sp2d_date,
            kode_iuran=kode_iuran.strip()[:40],
            jkk_account=jkk_account.strip()[:60],
            jkm_account=jkm_account.strip()[:60],
            proof=proof,
            created_by=actor,
            created_at=timezone.now(),
        )
        allocated = payment_apply(payment)
        result = PaymentResult(payment, allocated, amount - allocated, sponsor_arrears(sponsor))
        audit_record(
            actor=actor,
            action="payment.record",
            obj=payment,
            region_code=sponsor.region_id,
            summary={
                "amount": str(amount),
                "paid_on": paid_on.isoformat(),
                "allocated": str(allocated),
                "carried": str(result.carried),
                "reference": payment.reference,
            },
        )
    return result
