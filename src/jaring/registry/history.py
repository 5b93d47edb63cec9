"""A worker's history as a reader sees it: per change, each field's value before and after, in Indonesian.

WorkerChange keeps only the values before a change (services.snapshot, bulk imports); the value after is
the next change's "before", or the worker's current value for the latest change. Internal columns
(search_name, name_key) are left out; codes are shown by their names; a NIK only masked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region
from jaring.registry.models import Occupation, Sex, SourceBatch, Worker, WorkerChange
from jaring.registry.templatetags.jaring_format import rupiah
from jaring.rules.nik import mask_nik

# The detail page's labels, in its order.
LABELS: dict[str, str | Promise] = {
    "name": _("Nama"),
    "sex": _("Jenis kelamin"),
    "birth_place": _("Tempat lahir"),
    "birth_date": _("Tanggal lahir"),
    "address": _("Alamat"),
    "village_id": _("Desa/Kelurahan"),
    "occupation_id": _("Pekerjaan"),
    "occupation_text": _("Pekerjaan (tertulis)"),
    "income": _("Penghasilan per bulan"),
    "phone": _("No. HP"),
    "decile": _("Desil DTKS/P3KE"),
    "source": _("Sumber data"),
}
HISTORY_LIMIT = 50


@dataclass(frozen=True)
class FieldChange:
    label: str | Promise
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    batch: SourceBatch | None
    what: str | Promise
    changes: list[FieldChange]


def _canonical(field: str, value: Any) -> str | None:
    """One spelling per value, whichever writer stored it: Decimal("1500000"), "1500000" and 1500000 alike."""
    if value is None or value == "":
        return None
    if field == "income":
        return str(int(Decimal(str(value))))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _current(worker: Worker) -> dict[str, str | None]:
    return {f: _canonical(f, getattr(worker, f)) for f in LABELS}


@dataclass(frozen=True)
class _Names:
    villages: dict[str, str]
    occupations: dict[str, str]

    def show(self, field: str, value: str | None) -> str:
        if value is None:
            return "—"
        if field == "birth_date":
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        if field == "income":
            return rupiah(Decimal(value))
        if field == "sex":
            return str(Sex(value).label) if value in Sex.values else value
        if field == "village_id":
            return self.villages.get(value, value)
        if field == "occupation_id":
            return self.occupations.get(value, value)
        return value


def _names(states: Iterable[dict[str, str | None]]) -> _Names:
    villages, occupations = set(), set()
    for state in states:
        villages.add(state.get("village_id"))
        occupations.add(state.get("occupation_id"))
    return _Names(
        villages={r.code: r.label for r in Region.objects.filter(code__in=villages - {None})},
        occupations=dict(Occupation.objects.filter(code__in=occupations - {None}).values_list("code", "name")),
    )


def _who(change: WorkerChange) -> str:
    if change.actor is None:
        return ""
    return change.actor.get_full_name() or change.actor.get_username()


def _what(change: WorkerChange, rows: list[FieldChange]) -> str | Promise:
    merged = change.before.get("merged_from")
    if isinstance(merged, dict):
        nik = mask_nik(str(merged.get("nik") or ""))
        return _("Digabung dengan data %(name)s (NIK %(nik)s)") % {"name": merged.get("name") or "—", "nik": nik}
    if "move_request" in change.before:
        return _("Pindah desa atas permintaan pindah")
    if change.batch_id and not rows:
        return _("Tercantum di impor ini, tanpa perubahan")
    return _("Diubah") if rows else _("Tanpa perubahan")


def worker_history(worker: Worker, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The latest ``limit`` changes, newest first; three queries whatever their number."""
    changes = list(worker.changes.select_related("actor", "batch")[:limit])
    state = _current(worker)
    befores = [{f: _canonical(f, c.before[f]) for f in LABELS if f in c.before} for c in changes]
    names = _names([state, *befores])
    entries = []
    for change, before in zip(changes, befores, strict=True):
        rows = [
            FieldChange(LABELS[f], names.show(f, before[f]), names.show(f, state[f]))
            for f in LABELS
            if f in before and before[f] != state[f]
        ]
        state = {**state, **before}
        entries.append(HistoryEntry(change.at, _who(change), change.batch, _what(change, rows), rows))
    return entries
