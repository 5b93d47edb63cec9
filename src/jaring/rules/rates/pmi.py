"""Pekerja Migran Indonesia: Permenaker 4/2023 JKK+JKM packages."""

from __future__ import annotations

from datetime import date

from jaring.rules.table import Family, rec

BASISHUKUM = "https://www.basishukum.com/permenaker/4/2023/V?m=d"
PASAL = "https://pasal.id/peraturan/permen/Permenaker-no-4-tahun-2023/koreksi/9656301"
WARTAKOTA = "https://wartakota.tribunnews.com/2023/08/29/bpjs-ketenagakerjaan-tambah-manfaat-layanan-buat-pekerja-migran-indonesia-segini-iurannya?page=3"

# The reference dates Permenaker 4/2023 to "2023" only: modelled from 1 January 2023.
PMI_START = date(2023, 1, 1)
PACKAGE_MONTHS = (6, 12, 24)

RECORDS = (
    rec(
        "PMI.PRE_PLACEMENT",
        37_500,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023 Pasal 18(1)a",
        "confirmed",
        "Iuran JKK+JKM pelindungan sebelum bekerja",
        "JKK+JKM iuran for protection before work",
        PASAL,
        BASISHUKUM,
    ),
    rec(
        "PMI.PACKAGE.6",
        108_000,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023 Pasal 18(1)b, 18(2)",
        "confirmed",
        "Iuran JKK+JKM selama dan setelah bekerja, perjanjian 6 bulan",
        "JKK+JKM iuran during and after work, 6-month contract",
        PASAL,
        BASISHUKUM,
    ),
    rec(
        "PMI.PACKAGE.12",
        189_000,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023 Pasal 18(1)b, 18(2)",
        "confirmed",
        "Iuran JKK+JKM selama dan setelah bekerja, perjanjian 12 bulan",
        "JKK+JKM iuran during and after work, 12-month contract",
        PASAL,
        BASISHUKUM,
    ),
    rec(
        "PMI.PACKAGE.24",
        332_500,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023 Pasal 18(1)b, 18(2)",
        "confirmed",
        "Iuran JKK+JKM selama dan setelah bekerja, perjanjian 24 bulan",
        "JKK+JKM iuran during and after work, 24-month contract",
        PASAL,
        BASISHUKUM,
    ),
    rec(
        "PMI.EXTRA_MONTH",
        13_500,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023 Pasal 18(3)",
        "confirmed",
        "Iuran JKK+JKM per bulan kelebihan jangka waktu perjanjian di atas paket",
        "JKK+JKM iuran per month of contract beyond the package",
        PASAL,
        BASISHUKUM,
    ),
    rec(
        "PMI.JHT.MIN",
        50_000,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023",
        "confirmed",
        "Iuran JHT PMI (pilihan), paling rendah",
        "PMI JHT iuran (optional), lowest",
        WARTAKOTA,
    ),
    rec(
        "PMI.JHT.MAX",
        600_000,
        "Rp",
        PMI_START,
        None,
        "Permenaker 4/2023",
        "confirmed",
        "Iuran JHT PMI (pilihan), paling tinggi",
        "PMI JHT iuran (optional), highest",
        WARTAKOTA,
    ),
)

FAMILY = Family(
    slug="pmi",
    title_id="Iuran Pekerja Migran Indonesia (PMI)",
    title_en="Migrant workers (PMI) contributions",
    intro_en=(
        "Permenaker 4/2023 Pasal 18 sets combined JKK+JKM amounts, not a split per programme, so PMI lines "
        "carry the programme key `JKK+JKM`. `months` is the contract length: the largest package (6, 12 or "
        "24 months) not above it, plus Rp 13,500 for each month beyond it (Pasal 18(3)); `pmi_pre_placement` "
        "adds the Rp 37,500 protection before work. The optional JHT (Rp 50,000-600,000) is not calculated. "
        "The regulation's exact start date is not in the reference: modelled from 1 January 2023."
    ),
    records=RECORDS,
)
