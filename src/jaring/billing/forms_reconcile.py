from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ActiveListForm(forms.Form):
    file = forms.FileField(label=_("Daftar peserta aktif dari BPJS (.xlsx, .xls, .ods atau .csv)"))
