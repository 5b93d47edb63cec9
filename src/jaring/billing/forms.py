"""The billing pages' forms: they parse what was typed; the services decide what is allowed."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.funding.forms import RupiahField

# A proof of payment is a scan or a bank's PDF: a few MB at most.
PROOF_MAX_BYTES = 10 * 1024 * 1024
PROOF_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")


class MonthField(forms.CharField):
    """A month as the browser's month input sends it (2026-01), or as typed (01/2026)."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = (value or "").strip()
        if not text:
            return None
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if found is None:
            raise forms.ValidationError(_("Tulis bulan sebagai MM/YYYY, mis. 01/2026."))
        year, month = (found[1], found[2]) if "-" in text else (found[2], found[1])
        if not 1 <= int(month) <= 12 or not 2015 <= int(year) <= 2100:
            raise forms.ValidationError(_("Bulan itu tidak ada."))
        return date(int(year), int(month), 1)


class BillRunForm(forms.Form):
    month = MonthField(label=_("Bulan iuran"), widget=forms.TextInput(attrs={"type": "month"}))
    sponsor = forms.TypedChoiceField(label=_("Sponsor"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, sponsors: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].choices = [("", _("Semua sponsor")), *sponsors]  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = RupiahField(
        label=_("Jumlah"),
        min_value=1,
        max_digits=16,
        decimal_places=0,
        help_text=_("Rupiah utuh, mis. 1.500.000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    reference = forms.CharField(label=_("Referensi"), max_length=120, required=False)
    sp2d_number = forms.CharField(label=_("Nomor SP2D"), max_length=60, required=False)
    sp2d_date = forms.DateField(label=_("Tanggal SP2D"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kode_iuran = forms.CharField(label=_("Kode iuran BPJS"), max_length=40, required=False)
    jkk_account = forms.CharField(label=_("Rekening DPA JKK"), max_length=60, required=False)
    jkm_account = forms.CharField(label=_("Rekening DPA JKM"), max_length=60, required=False)
    proof = forms.FileField(label=_("Bukti bayar (PDF atau gambar)"), required=False)

    def clean_proof(self) -> Any:
        proof = self.cleaned_data.get("proof")
        if proof is None:
            return None
        if not proof.name.lower().endswith(PROOF_SUFFIXES):
            raise forms.ValidationError(_("Bukti bayar harus berkas PDF, JPG atau PNG."))
        if proof.size > PROOF_MAX_BYTES:
            raise forms.ValidationError(_("Bukti bayar paling besar 10 MB."))
        return proof
