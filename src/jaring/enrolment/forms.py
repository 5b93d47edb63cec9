from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.enrolment.exchange import FIELDS

_NIK = {"maxlength": 20, "inputmode": "numeric", "autocomplete": "off"}


class AddForm(forms.Form):
    nik = forms.CharField(label=_("NIK pekerja"), max_length=20, widget=forms.TextInput(attrs=_NIK))
    start = forms.DateField(
        label=_("Mulai (kosong: awal program)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Alasan"), max_length=255)


class ReplaceForm(forms.Form):
    nik = forms.CharField(label=_("NIK peserta yang diganti"), max_length=20, widget=forms.TextInput(attrs=_NIK))
    new_nik = forms.CharField(label=_("NIK pengganti"), max_length=20, widget=forms.TextInput(attrs=_NIK))
    on = forms.DateField(label=_("Berlaku mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Alasan"), max_length=255)


class CancelForm(forms.Form):
    nik = forms.CharField(label=_("NIK peserta"), max_length=20, widget=forms.TextInput(attrs=_NIK))
    reason = forms.CharField(label=_("Alasan"), max_length=255)


ADJUST_FORMS: dict[str, type[forms.Form]] = {"add": AddForm, "replace": ReplaceForm, "cancel": CancelForm}


class AnswerForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas jawaban BPJS (.xlsx, .xls, .ods atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )


class LayoutForm(forms.Form):
    """One row per field of ``FIELDS``: used or not, its header, its place in the file."""

    def __init__(self, *args: object, columns: list[dict[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        place = {c["field"]: (i + 1, c["header"]) for i, c in enumerate(columns)}
        for field, default in FIELDS.items():
            order, header = place.get(field, (None, default))
            self.fields[f"use_{field}"] = forms.BooleanField(required=False, initial=field in place, label=default)
            self.fields[f"header_{field}"] = forms.CharField(max_length=60, required=False, initial=header)
            self.fields[f"order_{field}"] = forms.IntegerField(min_value=1, max_value=99, required=False, initial=order)

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(FIELDS[f], self[f"use_{f}"], self[f"header_{f}"], self[f"order_{f}"]) for f in FIELDS]

    def columns(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        used = [f for f in FIELDS if data.get(f"use_{f}")]
        used.sort(key=lambda f: (data.get(f"order_{f}") or 99, list(FIELDS).index(f)))
        return [{"field": f, "header": data.get(f"header_{f}") or ""} for f in used]
