"""The people Jaring is built for, as demo users and as test personas (style.md §10)."""

from __future__ import annotations

from dataclasses import dataclass

from jaring.accounts.roles import Role

DEMO_PASSWORD = "jaring-demo-2026"  # noqa: S105 - printed on purpose for the demo region


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str
    region_code: str
    organisation: str


TEGAL = "33.28"
TEGAL_VILLAGE = "33.28.01.2001"  # Desa Prupuk Selatan, Kecamatan Margasari
BEKASI = "32.16"

PERSONAS: dict[str, Persona] = {
    p.username: p
    for p in [
        Persona("operator.tegal", "Siti Rahmawati", Role.OPERATOR, TEGAL, "Disnaker Kabupaten Tegal"),
        Persona(
            "desa.prupukselatan",
            "Warsono",
            Role.VILLAGE_OPERATOR,
            TEGAL_VILLAGE,
            "Pemerintah Desa Prupuk Selatan",
        ),
        Persona("bpjs.tegal", "Andi Pratama", Role.BPJS_OFFICER, TEGAL, "BPJS Ketenagakerjaan Kantor Cabang Tegal"),
        Persona("auditor.tegal", "Dewi Lestari", Role.AUDITOR, TEGAL, "Inspektorat Kabupaten Tegal"),
        Persona("pimpinan.tegal", "Bupati Tegal", Role.LEADER, TEGAL, "Pemerintah Kabupaten Tegal"),
        Persona("admin.tegal", "Budi Santoso", Role.ADMIN, TEGAL, "Diskominfo Kabupaten Tegal"),
        Persona("csr.tegalmakmur", "Ratna Wulandari", Role.SPONSOR, TEGAL, "PT Tegal Makmur Logam (CSR)"),
        Persona("operator.bekasi", "Rudi Hartono", Role.OPERATOR, BEKASI, "Disnaker Kabupaten Bekasi"),
    ]
}
