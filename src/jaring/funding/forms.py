"""The funding pages' forms: they parse what was typed; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.funding.models import Package, ProgrammeSegment, Revision, SponsorKind
from jaring.funding.planner import Quota, WhatIf
from jaring.funding.services import BudgetLineInput, ProgrammeInput, SponsorInput, SponsorShare

RUPIAH_HINT = _("Rupiah utuh, mis. 1.500.000.000.")


class RupiahField(forms.DecimalField):
    """Accepts 1.500.000.000 and Rp 1.500.000 as typed on an Indonesian page: dots group thousands."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("Rp", "").replace(".", "").replace(" ", "").strip()
        return super().to_python(value)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Nama program"), max_length=200)
    segment = forms.ChoiceField(label=_("Segmen"), choices=ProgrammeSegment.choices)
    package = forms.ChoiceField(label=_("Paket"), choices=Package.choices, initial=Package.BASIC)
    start = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    months = forms.IntegerField(label=_("Jumlah bulan"), required=False, min_value=1, max_value=60, initial=12)
    days = forms.IntegerField(
        label=_("Jumlah hari"), required=False, min_value=1, max_value=62, help_text=_("Hanya untuk badan ad hoc.")
    )
    wage = RupiahField(label=_("Upah sebulan"), required=False, help_text=_("Hanya untuk penerima upah."))
    budget = RupiahField(label=_("Anggaran"), required=False, help_text=RUPIAH_HINT)
    max_age = forms.IntegerField(label=_("Usia maksimum"), initial=65, min_value=15, max_value=100)
    legal_basis = forms.CharField(label=_("Dasar hukum (Perbup/SK)"), max_length=200, required=False)
    agreement = forms.CharField(label=_("Nomor perjanjian kerja sama"), max_length=200, required=False)

    def programme_input(self, region_code: str, sponsors: tuple[SponsorShare, ...]) -> ProgrammeInput:
        data = self.cleaned_data
        return ProgrammeInput(
            region_code=region_code,
            name=data["name"],
            segment=data["segment"],
            start=data["start"],
            package=data["package"],
            months=data["months"],
            days=data["days"],
            wage=data["wage"],
            budget=data["budget"],
            max_age=data["max_age"],
            legal_basis=data["legal_basis"],
            agreement=data["agreement"],
            sponsors=sponsors,
        )


class ShareForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=[("", "—"), *SponsorKind.choices], required=False)
    name = forms.CharField(label=_("Nama sponsor"), max_length=200, required=False)
    share = forms.DecimalField(label=_("Bagian (%)"), required=False, min_value=Decimal("0.01"), max_value=100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [bool(data.get(k)) for k in ("kind", "name", "share")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Isi jenis, nama dan bagian sponsor, atau kosongkan barisnya."))
        return data


ShareFormSet = forms.formset_factory(ShareForm, extra=4, max_num=10)


def shares_from(formset: Any) -> tuple[SponsorShare, ...]:
    return tuple(
        SponsorShare(kind=f.cleaned_data["kind"], name=f.cleaned_data["name"], share=f.cleaned_data["share"])
        for f in formset.forms
        if f.cleaned_data.get("kind")
    )


class SponsorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=SponsorKind.choices)
    name = forms.CharField(label=_("Nama sponsor"), max_length=200)
    contact_name = forms.CharField(label=_("Narahubung"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Telepon"), max_length=20, required=False)
    contact_email = forms.EmailField(label=_("Surel"), required=False)

    def sponsor_input(self, region_code: str) -> SponsorInput:
        return SponsorInput(region_code=region_code, **self.cleaned_data)


class BudgetLineForm(forms.Form):
    sponsor = forms.TypedChoiceField(label=_("Sponsor"), coerce=int)
    fiscal_year = forms.IntegerField(label=_("Tahun anggaran"))
    amount = RupiahField(label=_("Jumlah"), help_text=RUPIAH_HINT)
    reference = forms.CharField(label=_("Nomor DPA / referensi"), max_length=120, required=False)
    jkk_account = forms.CharField(label=_("Rekening JKK"), max_length=60, required=False)
    jkm_account = forms.CharField(label=_("Rekening JKM"), max_length=60, required=False)
    revision = forms.ChoiceField(label=_("Tahap"), choices=Revision.choices, initial=Revision.MAIN)

    def __init__(self, *args: Any, sponsors: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].choices = sponsors  # type: ignore[attr-defined]

    def line_input(self) -> BudgetLineInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "sponsor"}
        return BudgetLineInput(**data)


class WhatIfForm(forms.Form):
    """The planner's what-if: nothing is saved; an empty field keeps the programme's own value."""

    budget = RupiahField(label=_("Anggaran"), required=False, min_value=1, help_text=RUPIAH_HINT)
    months = forms.IntegerField(label=_("Jumlah bulan"), required=False, min_value=1, max_value=60)
    package = forms.ChoiceField(
        label=_("Paket"), choices=[("", _("Seperti program")), *Package.choices], required=False
    )

    def __init__(self, *args: Any, villages: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.villages = villages
        self.quota_rows: list[dict[str, str]] = []
        self.quota_errors: list[str] = []

    def read_quotas(self, query: Any, saved: dict[str, Quota]) -> dict[str, Quota] | None:
        """The quota table's rows (``q_village``, ``q_min``, ``q_max``); None when it was not sent."""
        if "q_village" not in query:
            self.quota_rows = [
                {"village": v, "min": str(q.minimum), "max": "" if q.maximum is None else str(q.maximum)}
                for v, q in saved.items()
            ]
            return None
        quotas: dict[str, Quota] = {}
        rows = zip(query.getlist("q_village"), query.getlist("q_min"), query.getlist("q_max"), strict=False)
        for village, low, high in rows:
            self.quota_rows.append({"village": village, "min": low, "max": high})
            if not village:
                continue
            name = self.villages.get(village)
            if name is None:
                self.quota_errors.append(str(_("Desa itu tidak termasuk wilayah program.")))
                continue
            try:
                minimum = int(low or 0)
                maximum = int(high) if high.strip() else None
            except ValueError:
                self.quota_errors.append(f"{name}: " + str(_("kuota harus bilangan bulat.")))
                continue
            if minimum < 0 or (maximum is not None and maximum < minimum):
                self.quota_errors.append(
                    f"{name}: " + str(_("paling banyak harus sama atau lebih dari paling sedikit."))
                )
                continue
            quotas[village] = Quota(minimum, maximum)
        return quotas

    def what_if(self, quotas: dict[str, Quota] | None) -> WhatIf:
        data = self.cleaned_data
        return WhatIf(
            budget=data.get("budget"),
            months=data.get("months"),
            package=data.get("package") or None,
            quotas=quotas,
        )
