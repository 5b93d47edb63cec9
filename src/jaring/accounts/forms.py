from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from jaring.accounts.client_ip import client_ip
from jaring.accounts.services import login_is_locked


class ThrottledLoginForm(AuthenticationForm):
    """Refuses to check a password once this address has failed too often (for this account or any)."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else None
        if username and login_is_locked(username=username, ip=ip):
            raise forms.ValidationError(
                "Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam 15 menit.",
                code="locked",
            )
        return super().clean()


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="Nama token", max_length=80)
