"""A sponsor's payments and the form that records one ("Catat pembayaran")."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jaring.accounts.access import NotInScope, require_capability
from jaring.accounts.roles import Cap
from jaring.billing.export_xlsx import Column, xlsx_bytes, xlsx_response
from jaring.billing.forms import PaymentForm
from jaring.billing.payments import payment_record
from jaring.billing.proof import proof_discard, proof_path, proof_store
from jaring.billing.refusal import BillingRefused
from jaring.billing.selectors import (
    access_billing_sponsor,
    access_payment_proof,
    may_record,
    may_see_lines,
    payments_for,
    sponsor_summaries,
)
from jaring.funding.models import Sponsor

FIELD = {"PAYMENT.AMOUNT": "amount", "PAYMENT.FUTURE": "paid_on"}


def _page(request: HttpRequest, sponsor: Sponsor, form: PaymentForm | None, status: int = 200) -> HttpResponse:
    context = {
        "sponsor": sponsor,
        "summary": sponsor_summaries([sponsor])[0],
        "payments": payments_for(request.user, sponsor_id=sponsor.pk),
        "may_record": may_record(request.user),
        "may_see_proof": may_see_lines(request.user),
        "form": form or PaymentForm(),
    }
    return render(request, "billing/payments.html", context, status=status)


@login_required
def payments(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    sponsor = access_billing_sponsor(request.user, sponsor_id)
    if request.method != "POST":
        return _page(request, sponsor, None)
    require_capability(request.user, Cap.BILLING_EDIT)
    form = PaymentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, sponsor, form, status=400)
    data = form.cleaned_data
    proof = proof_store(data["proof"]) if data.get("proof") else ""
    try:
        result = payment_record(
            actor=request.user,
            sponsor=sponsor,
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
            sp2d_number=data["sp2d_number"],
            sp2d_date=data["sp2d_date"],
            kode_iuran=data["kode_iuran"],
            jkk_account=data["jkk_account"],
            jkm_account=data["jkm_account"],
            proof=proof,
        )
    except BillingRefused as refused:
        proof_discard(proof)
        form.add_error(FIELD.get(refused.code), refused.message)
        return _page(request, sponsor, form, status=400)
    except BaseException:
        proof_discard(proof)
        raise
    messages.success(request, result.message)
    return redirect("billing:payments", sponsor_id=sponsor.pk)


@login_required
def payments_export(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    """The payments without their proof: where a proof lies is never exported."""
    sponsor = access_billing_sponsor(request.user, sponsor_id)
    columns = [
        Column("Tanggal bayar", "date", 13),
        Column("Jumlah (Rp)", "money"),
        Column("Referensi", width=24),
        Column("Nomor SP2D", width=20),
        Column("Tanggal SP2D", "date", 13),
        Column("Kode iuran BPJS", width=18),
        Column("Rekening DPA JKK", width=20),
        Column("Rekening DPA JKM", width=20),
        Column("Bukti bayar", width=12),
    ]
    rows = [
        [
            p.paid_on,
            p.amount,
            p.reference,
            p.sp2d_number,
            p.sp2d_date,
            p.kode_iuran,
            p.jkk_account,
            p.jkm_account,
            "ada" if p.proof else "tidak ada",
        ]
        for p in payments_for(request.user, sponsor_id=sponsor.pk)
    ]
    return xlsx_response(
        f"pembayaran-sponsor-{sponsor.pk}.xlsx",
        xlsx_bytes("Pembayaran sponsor", [("Sponsor", sponsor.name)], columns, rows),
    )


@login_required
def payment_proof(request: HttpRequest, payment_id: int) -> FileResponse:
    """The proof of payment as it was uploaded, as a download (never shown inline: it is the user's file)."""
    payment = access_payment_proof(request.user, payment_id)
    path = proof_path(payment.proof)
    if path is None:
        raise NotInScope("Berkas bukti bayar tidak ada lagi di server.")
    name = f"bukti-bayar-{payment.pk}-{payment.paid_on:%Y%m%d}{path.suffix}"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
