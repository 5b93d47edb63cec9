"""Jaminan Pensiun (PP 45/2015): iuran split, the yearly wage cap, benefit floor and ceiling."""

from __future__ import annotations

from datetime import date

from jaring.rules.table import EPOCH, Family, RateRecord, Status, rec

KRISHAND = "https://www.krishand.com/support/article/kenaikan-batas-upah-dan-manfaat-jaminan-pensiun-bpjs-tenaga-kerja-209.html"
KRISHAND_2020 = "http://www.krishandsoftware.com/blog/300/batasan-upah-tertinggi-jaminan-pensiun-naik-per-maret-2020/?share=google-plus-1"
JIMMY_2019 = "https://jimmybudhi.com/kenaikan-batasan-upah-dan-manfaat-pensiun-tahun-2019/"
SCRIBD_2020 = "https://www.scribd.com/document/452183772/B-1328-022020-SOSIALISASI-KETENTUAN-BATASAN-UPAH-JAMINAN-PENSIUN-TAHUN-2020-pdf"
TANJUNGPINANG = "https://tanjungpinang.pikiran-rakyat.com/news/pr-3687895559/batasan-upah-jp-menjadi-rp-10042300-manfaat-bagi-peserta-ikut-meningkat"
EOS = "https://eosglobalexpansion.com/indonesia-pension-insurance-contributions"
SUARA = "https://jatim.suaraindonesia.co.id/news/advertorial/662fb085ccb43/Batasan-Upah-JP-Naik-Manfaat-Bagi-Peserta-BPJamsostek-Ikut-Meningkat"
KONTAN = (
    "https://amp.kontan.co.id/news/bpjs-ketenagakerjaan-manfaat-jaminan-pensiun-bisa-dibayarkan-berkala-atau-sekaligus"
)
HRD_FORUM = "http://www.hrd-forum.com/program-jaminan-pensiun-pp-no-45-tahun-2015/"
IDX = "https://www.idxchannel.com/economics/kabar-gembira-duda-dan-janda-bakal-dapat-jaminan-uang-bulanan/2"
FORTUNE = "https://www.fortuneidn.com/news/usia-pensiun-di-indonesia-00-fykp7-2yl8pr/amp"
GRID_JP = "https://star.gridtechno.com/read/453598784/peserta-bpjs-ketenagakerjaan-wajib-tahu-ini-perbedaan-jht-dan-dana-pensiun?page=3"

CAP_CITATION = "PP 45/2015 Pasal 29"


def _march(year: int) -> date:
    return date(year, 3, 1)


def _feb_end(year: int) -> date:
    return date(year, 2, 29) if year % 4 == 0 else date(year, 2, 28)


def _cap(year: int, value: int, status: Status, note_en: str, *sources: str) -> RateRecord:
    start = EPOCH if year == 2015 else _march(year)
    end = None if year == 2026 else _feb_end(year + 1)
    return rec(
        "JP.WAGE_CAP",
        value,
        "Rp",
        start,
        end,
        CAP_CITATION,
        status,
        f"Batas atas upah iuran JP {year} (berlaku mulai Maret)",
        f"JP wage cap {year} (from March). {note_en}",
        *sources,
    )


def _bound(code: str, year: int, to_year: int, value: int, status: Status, *sources: str) -> RateRecord:
    kind_id, kind_en = ("minimum", "floor") if code.endswith("MIN") else ("maksimum", "ceiling")
    start = EPOCH if year == 2015 else _march(year)
    end = None if to_year == 0 else _feb_end(to_year + 1)
    return rec(
        code,
        value,
        "Rp",
        start,
        end,
        "PP 45/2015 Pasal 18",
        status,
        f"Manfaat pensiun {kind_id} per bulan, {year}",
        f"JP monthly benefit {kind_en}, {year}",
        *sources,
    )


RECORDS = (
    rec(
        "PU.JP.EMPLOYER",
        "2",
        "%",
        EPOCH,
        None,
        CAP_CITATION,
        "confirmed",
        "Iuran JP bagian pemberi kerja, atas upah dibatasi batas atas",
        "JP iuran, employer share, on the capped wage",
        KRISHAND,
    ),
    rec(
        "PU.JP.WORKER",
        "1",
        "%",
        EPOCH,
        None,
        CAP_CITATION,
        "confirmed",
        "Iuran JP bagian pekerja, atas upah dibatasi batas atas",
        "JP iuran, worker share, on the capped wage",
        KRISHAND,
    ),
    rec(
        "JP.WAGE_CAP.ROUNDING",
        100,
        "Rp",
        EPOCH,
        None,
        "PP 45/2015 Pasal 29(3)",
        "confirmed",
        "Batas atas upah dibulatkan ke bawah ke Rp 100 (semua tahun terkonfirmasi begitu)",
        "The cap is truncated to Rp 100 (every confirmed year matches)",
        SCRIBD_2020,
    ),
    _cap(2015, 7_000_000, "confirmed", "Set by PP 45/2015.", KRISHAND_2020),
    _cap(2016, 7_335_300, "confirmed", "GDP 2015 4.79%.", KRISHAND),
    _cap(2017, 7_703_500, "confirmed", "GDP 2016 5.02%.", KRISHAND_2020),
    _cap(2018, 8_094_000, "confirmed", "", KRISHAND_2020),
    _cap(2019, 8_512_400, "confirmed", "GDP 2018 5.17%.", JIMMY_2019),
    _cap(2020, 8_939_700, "confirmed", "BPJS letter B/1328/022020.", SCRIBD_2020),
    _cap(2021, 8_754_600, "derived", "2020 GDP contraction applied; not published.", KRISHAND),
    _cap(2022, 9_077_600, "confirmed", "BPJS letter B/77/022023 (second pass).", KRISHAND),
    _cap(2023, 9_559_600, "confirmed", "", KRISHAND, TANJUNGPINANG),
    _cap(2024, 10_042_300, "confirmed", "GDP 2023 5.05%.", KRISHAND, SUARA),
    _cap(2025, 10_547_400, "confirmed", "BPJS notification B/91/022025.", EOS),
    _cap(2026, 11_086_300, "confirmed", "SE BPJS B/1226/022026, +5.11%.", KONTAN),
    rec(
        "JP.BENEFIT_BOUNDS.ROUNDING",
        1,
        "Rp",
        EPOCH,
        date(2023, 2, 28),
        "PP 45/2015 Pasal 18",
        "derived",
        "Batas manfaat dibulatkan ke atas ke rupiah (2016: 310.050 dan 3.720.600 tidak kelipatan Rp 100)",
        "Benefit bounds rounded up to the rupiah (2016 published 310,050 and 3,720,600, not multiples of 100)",
        KRISHAND,
    ),
    rec(
        "JP.BENEFIT_BOUNDS.ROUNDING",
        100,
        "Rp",
        _march(2023),
        None,
        "PP 45/2015 Pasal 18",
        "derived",
        "Batas manfaat dibulatkan ke atas ke Rp 100 (semua angka 2023-2026 konsisten)",
        "Benefit bounds rounded up to Rp 100 (every 2023-2026 figure is consistent with it)",
        KONTAN,
        KRISHAND,
    ),
    _bound("JP.BENEFIT_MIN", 2015, 2015, 300_000, "confirmed", KRISHAND),
    _bound("JP.BENEFIT_MAX", 2015, 2015, 3_600_000, "confirmed", KRISHAND),
    _bound("JP.BENEFIT_MIN", 2016, 2016, 310_050, "confirmed", KRISHAND),
    _bound("JP.BENEFIT_MAX", 2016, 2016, 3_720_600, "confirmed", KRISHAND),
    _bound("JP.BENEFIT_MIN", 2019, 2019, 341_400, "confirmed", JIMMY_2019),
    _bound("JP.BENEFIT_MAX", 2019, 2019, 4_095_750, "confirmed", JIMMY_2019),
    _bound("JP.BENEFIT_MIN", 2023, 2023, 383_400, "confirmed", SUARA),
    _bound("JP.BENEFIT_MAX", 2023, 2023, 4_598_100, "confirmed", SUARA),
    _bound("JP.BENEFIT_MIN", 2024, 2024, 393_500, "confirmed", SUARA, KRISHAND),
    _bound("JP.BENEFIT_MAX", 2024, 2024, 4_718_200, "derived", KONTAN),
    _bound("JP.BENEFIT_MIN", 2025, 2025, 399_700, "derived", KONTAN),
    _bound("JP.BENEFIT_MAX", 2025, 2025, 4_792_300, "derived", KONTAN),
    _bound("JP.BENEFIT_MIN", 2026, 0, 411_400, "confirmed", KONTAN),
    _bound("JP.BENEFIT_MAX", 2026, 0, 4_932_300, "confirmed", KONTAN),
    rec(
        "JP.ACCRUAL",
        "1",
        "%",
        EPOCH,
        None,
        "PP 45/2015 Pasal 17",
        "confirmed",
        "Manfaat pensiun: 1% × (masa iur bulan / 12) × rata-rata upah tertimbang sebulan",
        "Pension: 1% × (months of contributions / 12) × average indexed monthly wage",
        HRD_FORUM,
    ),
    rec(
        "JP.MIN_MONTHS",
        180,
        "bulan",
        EPOCH,
        None,
        "PP 45/2015",
        "confirmed",
        "Masa iur minimum untuk manfaat pensiun bulanan (di bawahnya dibayar sekaligus)",
        "Minimum contribution months for a monthly pension (below it: a lump sum)",
        GRID_JP,
    ),
    rec(
        "JP.RETIREMENT_AGE",
        56,
        "tahun",
        EPOCH,
        date(2018, 12, 31),
        "PP 45/2015 Pasal 15",
        "confirmed",
        "Usia pensiun",
        "Retirement age",
        HRD_FORUM,
    ),
    rec(
        "JP.RETIREMENT_AGE",
        57,
        "tahun",
        date(2019, 1, 1),
        date(2021, 12, 31),
        "PP 45/2015 Pasal 15",
        "confirmed",
        "Usia pensiun",
        "Retirement age",
        HRD_FORUM,
    ),
    rec(
        "JP.RETIREMENT_AGE",
        58,
        "tahun",
        date(2022, 1, 1),
        date(2024, 12, 31),
        "PP 45/2015 Pasal 15",
        "confirmed",
        "Usia pensiun",
        "Retirement age",
        IDX,
    ),
    rec(
        "JP.RETIREMENT_AGE",
        59,
        "tahun",
        date(2025, 1, 1),
        date(2027, 12, 31),
        "PP 45/2015 Pasal 15",
        "confirmed",
        "Usia pensiun (+1 tahun tiap 3 tahun sampai 65)",
        "Retirement age (+1 year every 3 years up to 65)",
        FORTUNE,
    ),
    # Pasal 15: +1 year every 3 years until 65; these later steps follow the rule, not a publication.
    *(
        rec(
            "JP.RETIREMENT_AGE",
            age,
            "tahun",
            date(2028 + 3 * (age - 60), 1, 1),
            None if age == 65 else date(2030 + 3 * (age - 60), 12, 31),
            "PP 45/2015 Pasal 15",
            "derived",
            "Usia pensiun (aturan +1 tahun tiap 3 tahun)",
            "Retirement age (the +1 year every 3 years rule)",
            HRD_FORUM,
        )
        for age in range(60, 66)
    ),
)

FAMILY = Family(
    slug="jp",
    title_id="Jaminan Pensiun (JP)",
    title_en="Pension (JP)",
    intro_en=(
        "JP iuran is 3% (2% employer, 1% worker) of the wage capped at the yearly batas atas, in force "
        "from iuran month March. Each year's cap is the previous cap × (1 + previous year's GDP growth), "
        "truncated to Rp 100 (`jp_wage_cap_next`). The benefit floor and ceiling are indexed by the "
        "previous year's inflation and rounded up (`jp_benefit_bounds_next`). Years the reference does "
        "not give carry the last known figure forward with a warning."
    ),
    records=RECORDS,
)
