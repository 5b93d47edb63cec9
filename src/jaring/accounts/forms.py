from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from jaring.accounts.client_ip import client_ip
from jaring.accounts.services import login_is_locked


class ThrottledLoginForm(AuthenticationForm):
    """Refuses to check a password once this address has failed too often (for this account or any)."""

    # Django's Indonesian catalogue puts the field's name into "Masukkan %(username)s ...", which the
    # translation already names: "Masukkan nama pengguna nama pengguna dan sandi" (issue 9).
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini sudah dinonaktifkan. Hubungi administrator wilayah Anda."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else None
        if username and login_is_locked(username=username, ip=ip):
            raise forms.ValidationError(
                _(
                    "Terlalu banyak percobaan masuk yang gagal dari jaringan ini. "
                    "Tunggu %(minutes)s menit, lalu coba lagi."
                ),
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        return super().clean()


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=80)
