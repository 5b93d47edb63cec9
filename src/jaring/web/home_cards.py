"""What each role's home page offers: only pages that exist today and that the role may open (issue 9).

A card names a page, says in one sentence what the user does there, and may carry a count. Each role
lists its cards in the order of its daily work; the capability check still runs, so a card never
outlives a change of the role's rights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.accounts.access import has_capability
from jaring.accounts.roles import Cap, Role
from jaring.regions.models import Region
from jaring.web.selectors import home_count


@dataclass(frozen=True)
class Card:
    key: str
    title: str | Promise
    text: str | Promise
    url_name: str
    capabilities: tuple[str, ...]  # any one of them opens the page
    figure_label: str | Promise = ""  # shown after the count, "3.321 pekerja terdaftar"


CARDS: dict[str, Card] = {
    c.key: c
    for c in [
        Card(
            "coverage",
            _("Cakupan kepesertaan"),
            _("Capaian cakupan terhadap target, menurut wilayah dan bulan, dengan laporan PDF untuk ditandatangani."),
            "coverage:home",
            (Cap.DASHBOARD_VIEW,),
        ),
        Card(
            "import",
            _("Impor daftar pekerja"),
            _("Unggah berkas xlsx atau csv dari desa dan asosiasi; baris yang bermasalah kembali sebagai laporan."),
            "imports:upload",
            (Cap.WORKERS_IMPORT,),
        ),
        Card(
            "workers",
            _("Daftar pekerja"),
            _("Cari pekerja menurut nama atau NIK, desa, pekerjaan dan sumber data."),
            "registry:workers",
            (Cap.WORKERS_VIEW,),
            _("pekerja terdaftar"),
        ),
        Card(
            "duplicates",
            _("Kemungkinan duplikat"),
            _("Tinjau pasangan data yang mungkin orang yang sama."),
            "registry:duplicates",
            (Cap.DUPLICATES_RESOLVE, Cap.AUDIT_VIEW),
            _("pasangan menunggu tinjauan"),
        ),
        Card(
            "moves",
            _("Permintaan pindah"),
            _("Putuskan permintaan wilayah lain atas pekerja Anda, dan ikuti permintaan yang Anda ajukan."),
            "registry:moves",
            (Cap.WORKERS_EDIT, Cap.AUDIT_VIEW),
            _("permintaan masuk menunggu keputusan"),
        ),
        Card(
            "programmes",
            _("Program perlindungan"),
            _("Program yang didanai APBD, DBHCHT, CSR dan sponsor lain: anggaran, rencana peserta dan kohortnya."),
            "funding:programmes",
            (Cap.PROGRAMMES_VIEW,),
        ),
        Card(
            "nik",
            _("Cek NIK"),
            _("Periksa struktur 16 digit NIK: kode wilayah, tanggal lahir dan jenis kelamin."),
            "web:nik_check",
            (Cap.NIK_CHECK,),
        ),
        Card(
            "calculator",
            _("Kalkulator iuran dan manfaat"),
            _("Hitung iuran dan manfaat BPJS Ketenagakerjaan dengan dasar aturannya."),
            "web:calc_contribution",
            (Cap.REGIONS_VIEW,),
        ),
        Card(
            "region",
            _("Wilayah Anda"),
            _("Jumlah pekerja terdaftar di wilayah Anda (angka agregat) dan wilayah di bawahnya."),
            "web:region_detail",
            (Cap.DASHBOARD_VIEW,),
            _("pekerja terdaftar"),
        ),
        Card(
            "audit",
            _("Jejak audit"),
            _("Baca setiap perubahan di wilayah Anda: siapa, kapan, apa."),
            "web:audit",
            (Cap.AUDIT_VIEW,),
        ),
        Card(
            "tokens",
            _("Token API"),
            _("Terbitkan token untuk menghubungkan aplikasi lain ke Jaring."),
            "accounts:tokens",
            (Cap.TOKENS_OWN,),
        ),
    ]
}

ROLE_CARDS: dict[str, tuple[str, ...]] = {
    Role.OPERATOR: (
        "import",
        "workers",
        "programmes",
        "coverage",
        "duplicates",
        "moves",
        "nik",
        "calculator",
        "tokens",
    ),
    Role.VILLAGE_OPERATOR: ("import", "workers", "programmes", "moves", "nik", "calculator", "tokens"),
    Role.BPJS_OFFICER: ("workers", "programmes", "coverage", "nik", "calculator", "tokens"),
    Role.AUDITOR: ("audit", "workers", "programmes", "duplicates", "moves", "nik", "calculator", "tokens"),
    Role.ADMIN: ("audit", "workers", "programmes", "duplicates", "moves", "nik", "calculator", "tokens"),
    Role.LEADER: ("coverage", "region", "calculator"),
    Role.SPONSOR: ("programmes", "calculator", "tokens"),
}
# A national superuser has no role: everything.
ALL_CARDS = tuple(CARDS)

# What each role does in Jaring today, in one line above the cards (users.md; only what exists).
ROLE_SUMMARY: dict[str, str | Promise] = {
    Role.OPERATOR: _("Mengimpor dan merapikan daftar pekerja wilayah Anda."),
    Role.VILLAGE_OPERATOR: _("Mengajukan dan merapikan daftar pekerja rentan desa Anda."),
    Role.BPJS_OFFICER: _("Melihat pekerja terdaftar di wilayah kantor cabang Anda (hanya baca)."),
    Role.AUDITOR: _("Membaca data pekerja wilayah Anda dan jejak auditnya (hanya baca)."),
    Role.ADMIN: _(
        "Membaca jejak audit dan data wilayah Anda. Pengguna baru dibuat di server dengan perintah jaring users create."
    ),
    Role.LEADER: _("Melihat jumlah pekerja terdaftar di wilayah Anda (angka agregat, tanpa data pribadi)."),
    Role.SPONSOR: _("Melihat program yang Anda danai, anggarannya dan pekerja yang terlindungi olehnya."),
}


@dataclass(frozen=True)
class HomeCard:
    card: Card
    url: str
    count: int | None


def home_cards_for(user: Any, region: Region | None) -> list[HomeCard]:
    cards = []
    for key in ROLE_CARDS.get(user.role, ALL_CARDS):
        card = CARDS[key]
        if not any(has_capability(user, cap) for cap in card.capabilities):
            continue
        if card.url_name == "web:region_detail":
            if region is None:
                continue
            url = reverse(card.url_name, args=[region.code])
        else:
            url = reverse(card.url_name)
        cards.append(HomeCard(card, url, home_count(user, key) if card.figure_label else None))
    return cards
