"""Village worker lists as villages really send them: a title above the table, NIKs typed as
numbers, dates as Excel serials or dd/mm/yyyy, "Rp" incomes, stray spaces, and a few mistakes.
Seeded, so every `make demo` builds the same region."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter

MEN = [
    "Slamet",
    "Sugeng",
    "Budi",
    "Agus",
    "Bambang",
    "Joko",
    "Wahyu",
    "Eko",
    "Teguh",
    "Suparno",
    "Darsono",
    "Kusnadi",
    "Rohmat",
    "Tarmuji",
    "Casmadi",
    "Warsito",
    "Sodikin",
    "Kasmani",
    "Tarno",
    "Riyanto",
]
WOMEN = [
    "Siti",
    "Sri",
    "Dewi",
    "Sumiyati",
    "Warsini",
    "Kartini",
    "Rukmini",
    "Tarsih",
    "Casini",
    "Nur",
    "Aminah",
    "Suharti",
    "Lestari",
    "Wartinah",
    "Sarinah",
    "Rasminah",
    "Darsih",
    "Yuliani",
    "Ratna",
    "Umiyati",
]
SURNAMES = [
    "",
    "Aminah",
    "Riyadi",
    "Santoso",
    "Wibowo",
    "Hidayat",
    "Rahayu",
    "Lestari",
    "Setiawan",
    "Kurniawan",
    "Saputra",
    "Nurhayati",
    "Prasetyo",
    "Wulandari",
    "Susanto",
    "",
]
OCCUPATIONS = [
    "Petani",
    "Buruh Tani",
    "Pedagang",
    "Nelayan",
    "Tukang Becak",
    "Buruh Harian Lepas",
    "Ojek",
    "Tukang Bangunan",
    "Marbot",
    "Guru Ngaji",
    "Perangkat Desa",
    "Kader Posyandu",
    "Penjahit",
    "BURUH TANI",
    "petani ",
    "Pedagang Keliling",
    "Pengrajin",
    "Linmas",
]
HEADERS = [
    "No",
    "NIK",
    "Nama Lengkap",
    "JK",
    "Tempat Lahir",
    "Tgl Lahir",
    "Alamat",
    "Desa",
    "Kecamatan",
    "Pekerjaan",
    "Penghasilan per Bulan",
    "No HP",
]


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    district: str


def _nik(district_code: str, born: date, female: bool, serial: int) -> str:
    day = born.day + (40 if female else 0)
    return f"{district_code.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


# Old (pre-1972) spellings still on many KTPs and village lists: Soekarno, Djoko, Jusuf, Tjahjo.
_OLD_SPELLING = [("u", "oe"), ("j", "dj"), ("y", "j"), ("c", "tj"), ("f", "p")]


def _respell(name: str) -> str:
    for new, old in _OLD_SPELLING:
        found = re.search(new, name, re.IGNORECASE)
        if found:
            spelled = old.capitalize() if found.group(0).isupper() else old
            return name[: found.start()] + spelled + name[found.end() :]
    return name + "h"


def _mistype(name: str) -> str:
    """Two neighbouring letters of the last word swapped: 'Setiawan' -> 'Setiawna'."""
    head, _, last = name.rpartition(" ")
    if len(last) < 4:
        return name + "h"
    last = last[:-2] + last[-1] + last[-2]
    return f"{head} {last}".strip()


def write_village_file(path: Path, village: Village, rows: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data, seeded on purpose
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Daftar")
    date_cell = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write(0, 0, f"DAFTAR PEKERJA RENTAN DESA {village.name.upper()} TAHUN 2026")
    sheet.write(1, 0, f"Kecamatan {village.district}, Kabupaten Tegal — hasil musyawarah desa")
    for col, header in enumerate(HEADERS):
        sheet.write(3, col, header)
    line = 4
    previous: tuple[bool, date, str, str] | None = None
    for i in range(1, rows + 1):
        female = rng.random() < 0.45
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))
        first = rng.choice(WOMEN if female else MEN)
        name = f"{first} {rng.choice(SURNAMES)}".strip()
        nik = _nik(village.code[:8], born, female, rng.randrange(1, 2000))
        if previous is not None and i % 97 == 0:
            # The same person listed twice: once with the same NIK (a duplicate in the file)...
            female, born, name, nik = previous
        elif previous is not None and i % 101 == 0:
            # ...and once under a mistyped NIK and a respelled name (a possible duplicate to review).
            female, born, name, _ = previous
            name = (_respell(name) if rng.random() < 0.6 else _mistype(name)).replace(" ", "  ")
            nik = _nik(village.code[:8], born, female, rng.randrange(2000, 9999))
        previous = (female, born, name, nik)
        roll = rng.random()
        if roll < 0.01:
            nik = nik[:-1]  # a digit lost in typing
        elif roll < 0.015:
            nik = "0"  # the placeholder villages use for "NIK unknown"
        elif roll < 0.02:
            name = ""
        sheet.write_number(line, 0, i)
        # Half the NIKs typed as numbers (Excel shows 3.32801E+15), half as text with an apostrophe.
        if nik.isdigit() and len(nik) == 16 and rng.random() < 0.5:
            sheet.write_number(line, 1, int(nik))
        else:
            sheet.write_string(line, 1, ("'" if rng.random() < 0.3 else "") + nik)
        sheet.write_string(line, 2, f"  {name.upper() if rng.random() < 0.3 else name} ")
        sheet.write_string(line, 3, rng.choice(["P", "Perempuan"]) if female else rng.choice(["L", "Laki-laki"]))
        sheet.write_string(line, 4, rng.choice(["Tegal", "Slawi", "Brebes", "Pemalang"]))
        style = rng.random()
        if style < 0.5:
            sheet.write_datetime(line, 5, born, date_cell)
        elif style < 0.8:
            sheet.write_string(line, 5, born.strftime("%d/%m/%Y"))
        else:
            sheet.write_string(line, 5, born.strftime("%d-%m-%Y"))
        sheet.write_string(line, 6, f"RT {rng.randrange(1, 9):02d}/RW {rng.randrange(1, 6):02d}")
        sheet.write_string(line, 7, village.name if rng.random() < 0.9 else f" {village.name.lower()}")
        sheet.write_string(line, 8, village.district)
        sheet.write_string(line, 9, rng.choice(OCCUPATIONS))
        income = rng.choice([600_000, 800_000, 1_000_000, 1_200_000, 1_500_000, 2_000_000])
        sheet.write_string(line, 10, f"Rp {income:,}".replace(",", ".") if rng.random() < 0.6 else str(income))
        sheet.write_string(line, 11, f"08{rng.randrange(10**9, 10**10)}")
        line += 1
        if rng.random() < 0.01:
            line += 1  # a blank row left in the middle
    book.close()
