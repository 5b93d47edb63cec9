"""Two possibly duplicate workers side by side, field by field, for the merge confirmation page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.registry.models import PossibleDuplicate, Worker
from jaring.rules.nik import mask_nik


def _occupation(w: Worker) -> str:
    text = w.occupation.name if w.occupation else ""
    if w.occupation_text and w.occupation_text != text:
        text = f"{text} ({w.occupation_text})" if text else w.occupation_text
    return text


# Label and how each side is shown; the NIK only masked, as in every list.
FIELDS: list[tuple[str | Promise, Callable[[Worker], str]]] = [
    (_("Nama"), lambda w: w.name),
    ("NIK", lambda w: mask_nik(w.nik)),
    (_("Tanggal lahir"), lambda w: f"{w.birth_date:%d/%m/%Y}" if w.birth_date else ""),
    (_("Jenis kelamin"), lambda w: str(w.get_sex_display())),
    (_("Desa/Kelurahan"), lambda w: w.village.label),
    (_("Alamat"), lambda w: w.address),
    (_("Pekerjaan"), _occupation),
    (_("Segmen"), lambda w: str(w.occupation.get_segment_display()) if w.occupation else ""),
    (_("Sumber data"), lambda w: w.source),
    (_("Dicatat"), lambda w: f"{timezone.localtime(w.created_at):%d/%m/%Y}"),
]


@dataclass(frozen=True)
class PairRow:
    label: str | Promise
    a: str
    b: str

    @property
    def differs(self) -> bool:
        return self.a != self.b


def pair_rows(pair: PossibleDuplicate) -> list[PairRow]:
    return [PairRow(label, show(pair.worker) or "—", show(pair.other) or "—") for label, show in FIELDS]
