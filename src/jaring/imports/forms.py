from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas daftar pekerja (.xlsx, .xls, .ods atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    source = forms.CharField(
        label=_("Sumber data"),
        max_length=120,
        required=False,
        help_text=_("Mis. 'Desa Prupuk Selatan, musyawarah desa 2026'"),
    )
    strict = forms.BooleanField(label=_("Ketat: tidak menyimpan apa pun bila ada baris yang ditolak"), required=False)
    dry_run = forms.BooleanField(label=_("Uji coba: periksa saja, jangan simpan"), required=False)
