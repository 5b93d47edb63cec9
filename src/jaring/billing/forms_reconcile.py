from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ActiveListForm(forms.Form):
    file = forms.FileField(label=_("Daftar peserta aktif dari BPJS (.xlsx, .xls, .ods atau .csv)"))
    # The list's own date: "paid here" is judged on it (paid through the end of the month before).
    on = forms.DateField(
        label=_("Tanggal daftar (kosong: hari ini)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
