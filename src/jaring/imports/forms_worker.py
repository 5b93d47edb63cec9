"""The form for one worker: raw text fields, judged by the import's rules (``record.record_check``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from jaring.regions.models import Region
from jaring.registry.models import Occupation


def _text(label: str, max_length: int, **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


class WorkerForm(forms.Form):
    nik = _text("NIK", 40, inputmode="numeric", placeholder="16 digit sesuai KTP", required="required")
    name = _text("Nama lengkap", 150, required="required")
    sex = forms.ChoiceField(
        label="Jenis kelamin",
        required=False,
        choices=[("", "Menurut NIK"), ("L", "Laki-laki"), ("P", "Perempuan")],
    )
    birth_place = _text("Tempat lahir", 80)
    birth_date = _text("Tanggal lahir", 40, placeholder="17/08/1990")
    address = _text("Alamat", 255)
    village_code = forms.ChoiceField(label="Desa/kelurahan domisili", required=False)
    occupation = forms.ChoiceField(label="Pekerjaan", required=False)
    income = _text("Penghasilan per bulan", 40, placeholder="Rp 1.500.000", inputmode="numeric")
    phone = _text("No. HP", 30, placeholder="0812…", inputmode="tel")
    decile = _text("Desil DTKS/P3KE", 10, placeholder="1–10", inputmode="numeric")
    source = _text("Sumber data", 120)

    def __init__(self, *args: Any, villages: QuerySet[Region], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own villages are offered; a forged code fails as "not one of the choices".
        by_district: dict[str, list[tuple[str, str]]] = {}
        for village in villages:
            by_district.setdefault(village.parent.name if village.parent else "", []).append(
                (village.code, village.name)
            )
        self.fields["village_code"].choices = [("", "Pilih desa/kelurahan"), *by_district.items()]  # type: ignore[attr-defined]
        self.fields["village_code"].error_messages["invalid_choice"] = "Desa/kelurahan ini tidak ada di wilayah Anda."
        self.fields["occupation"].choices = [("", "—"), *Occupation.objects.values_list("code", "name")]  # type: ignore[attr-defined]
        self.fields["occupation"].error_messages["invalid_choice"] = "Pilih pekerjaan dari daftar."
        self.fields["sex"].error_messages["invalid_choice"] = "Pilih laki-laki atau perempuan."
        if editing:
            # The NIK is the record's identity: a wrong NIK is a new registration, not a correction.
            self.fields["nik"].disabled = True
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("aria-describedby", f"{name}-errors")
