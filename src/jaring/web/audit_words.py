"""The audit trail in words: actions, objects and summary fields as an auditor reads them (issue 9).

The stored codes stay as they are (they are the stable keys the filter and the API use); the page shows
words. An action or field not listed yet shows its code, never nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.accounts.roles import Role
from jaring.regions.models import Level

ACTIONS: dict[str, str | Promise] = {
    "auth.login": _("Masuk"),
    "auth.login_failed": _("Gagal masuk"),
    "user.create": _("Pengguna dibuat"),
    "user.deactivate": _("Pengguna dinonaktifkan"),
    "api_token.create": _("Token API diterbitkan"),
    "api_token.revoke": _("Token API dicabut"),
    "regions.load": _("Wilayah Kemendagri dimuat"),
    "import.start": _("Impor dimulai"),
    "workers.import": _("Daftar pekerja diimpor"),
    "worker.register": _("Pekerja didaftarkan"),
    "worker.update": _("Data pekerja diubah"),
    "worker.view": _("Data pribadi pekerja dibuka"),
    "worker.merge": _("Duplikat digabung"),
    "duplicate.dismiss": _("Ditandai bukan duplikat"),
    "worker.move.request": _("Permintaan pindah diajukan"),
    "worker.move.accept": _("Permintaan pindah diterima"),
    "worker.move.refuse": _("Permintaan pindah ditolak"),
    "employer.register": _("Pemberi kerja didaftarkan"),
    "group.create": _("Kelompok dibuat"),
}

OBJECTS: dict[str, str | Promise] = {
    "accounts.user": _("Pengguna"),
    "accounts.apitoken": _("Token API"),
    "imports.importjob": _("Impor"),
    "registry.sourcebatch": _("Kiriman data"),
    "registry.worker": _("Pekerja"),
    "registry.possibleduplicate": _("Kemungkinan duplikat"),
    "registry.workermoverequest": _("Permintaan pindah"),
    "registry.employer": _("Pemberi kerja"),
    "registry.group": _("Kelompok"),
}

FIELDS: dict[str, str | Promise] = {
    "ip": _("alamat IP"),
    "username": _("nama pengguna"),
    "role": _("peran"),
    "region": _("wilayah"),
    "to_region": _("wilayah tujuan"),
    "name": _("nama"),
    "nik": "NIK",
    "npp": "NPP",
    "kind": _("jenis"),
    "members": _("anggota"),
    "file": _("berkas"),
    "source": _("sumber data"),
    "strict": _("mode ketat"),
    "dry_run": _("uji coba"),
    "created": _("baru"),
    "updated": _("diperbarui"),
    "unchanged": _("tidak berubah"),
    "rejected": _("ditolak"),
    "rows": _("baris"),
    "possible_duplicates": _("kemungkinan duplikat"),
    "out_of_scope": _("di luar wilayah"),
    "duplicate_check_skipped": _("pemeriksaan duplikat dilewati"),
    "move_requests": _("permintaan pindah"),
    "requests": _("permintaan"),
    "fields": _("kolom"),
    "kept": _("dipertahankan"),
    "removed": _("dihapus"),
    "pair": _("pasangan"),
    "prefix": _("awalan"),
    "tokens_revoked": _("token dicabut"),
    "dataset": _("sumber"),
    "by_level": _("per tingkat"),
}


def action_label(code: str) -> str | Promise:
    return ACTIONS.get(code, code)


def object_label(object_type: str) -> str | Promise:
    return OBJECTS.get(object_type, object_type)


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if key == "role" and value in Role.values:
        return str(Role(value).label)
    if key == "by_level" and isinstance(value, dict):
        return ", ".join(f"{Level(int(k)).label} {_value('', v)}" for k, v in value.items())
    if isinstance(value, dict):
        return ", ".join(f"{FIELDS.get(k, k)} {_value(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(key, v) for v in value)
    if value in (None, ""):
        return "—"
    return str(value)


def summary_items(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """``{"strict": False, "created": 1500}`` -> ``[("mode ketat", "tidak"), ("baru", "1.500")]``."""
    return [(str(FIELDS.get(key, key)), _value(key, value)) for key, value in (summary or {}).items()]
