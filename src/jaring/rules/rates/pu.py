"""Penerima Upah (wage earners, including non-ASN staff with the Pemda as employer): iuran rates."""

from __future__ import annotations

from datetime import date

from jaring.rules.rates.jkp_jht import JKP_START as JKP_IN_FORCE
from jaring.rules.table import EPOCH, Family, month_start, rec

KOMPAS = "https://money.kompas.com/copy/2021/11/24/154116726/iuran-jkk-bpjs-ketenagakerjaan-rincian-hingga-denda-keterlambatan"
TRIBUN = "https://pontianak.tribunnews.com/2023/02/28/apakah-terlambat-bayar-iuran-bpjs-ketenagakerjaan-pekerja-akan-di-denda-berikut-rinciannya?page=2"
PARAPUAN = (
    "https://parapuan.co/read/533140917/selain-jht-gaji-pekerja-dipotong-di-4-komponen-bpjs-ketenagakerjaan-ini?page=2"
)
FAME = (
    "https://fame.grid.id/read/464028442/berapa-persen-gaji-terpotong-untuk-bpjs-ketenagakerjaan-simak-di-sini?page=2"
)
BISNIS = "https://finansial.bisnis.com/read/20250214/215/1839605/prabowo-naikkan-tunjangan-pengangguran-jkp-bpjs-ketenagakerjaan-simak-poin-terbaru"
PASAL_PP6 = "https://pasal.id/en/peraturan/pp/pp-no-6-tahun-2025/koreksi/5825012"
PARAPUAN_JKP = "https://www.parapuan.co/read/534218744/pekerja-terkena-phk-berhak-dapat-gaji-60-persen-selama-6-bulan-ini-aturannya?page=3"
INDONEWS = "http://indonewsnow.xyz/badan-adhoc-kpu-di-pilkada-2024-dapat-jaminan-bpjs-ketenagakerjaan-21854.html"

# Iuran records are keyed by the iuran month: the JKP iuran starts with the month in which PP 37/2021
# came into force (2 Feb 2021, see jkp_jht.py), so iuran and benefits agree on one start date.
JKP_FIRST_IURAN_MONTH = month_start(JKP_IN_FORCE)
JKP_START = JKP_FIRST_IURAN_MONTH
# PP 6/2025 is in force from 7 Feb 2025 (JKP 0.36%).
PP6_2025 = date(2025, 2, 7)

RISK_CLASSES: dict[str, str] = {
    "sangat-rendah": "SANGAT_RENDAH",
    "rendah": "RENDAH",
    "sedang": "SEDANG",
    "tinggi": "TINGGI",
    "sangat-tinggi": "SANGAT_TINGGI",
}
_JKK = {
    "SANGAT_RENDAH": "0.24",
    "RENDAH": "0.54",
    "SEDANG": "0.89",
    "TINGGI": "1.27",
    "SANGAT_TINGGI": "1.74",
}
# PP 6/2025 moves 0.14 points of JKK into JKP; the retained rates are derived by subtraction.
_RETAINED = {
    "SANGAT_RENDAH": "0.10",
    "RENDAH": "0.40",
    "SEDANG": "0.75",
    "TINGGI": "1.13",
    "SANGAT_TINGGI": "1.60",
}


def jkk_code(risk_class: str) -> str:
    return f"PU.JKK.{RISK_CLASSES[risk_class]}"


RECORDS = (
    *(
        rec(
            f"PU.JKK.{key}",
            value,
            "%",
            EPOCH,
            None,
            "PP 44/2015 Pasal 16",
            "confirmed",
            f"Iuran JKK Penerima Upah, tingkat risiko {key.lower().replace('_', ' ')}, dibayar pemberi kerja",
            f"PU JKK iuran, risk class {key.lower().replace('_', ' ')}, paid by the employer",
            KOMPAS,
            TRIBUN,
        )
        for key, value in _JKK.items()
    ),
    *(
        rec(
            f"PU.JKK.RETAINED.{key}",
            value,
            "%",
            PP6_2025,
            None,
            "PP 6/2025 (mengubah PP 37/2021 Pasal 11)",
            "derived",
            "JKK yang tetap di program JKK setelah rekomposisi 0,14% ke JKP (hanya informasi; iuran pemberi "
            "kerja tidak berubah)",
            "JKK kept in the JKK programme after 0.14 points go to JKP (information only; the employer "
            "still pays the full JKK rate)",
            PASAL_PP6,
        )
        for key, value in _RETAINED.items()
    ),
    rec(
        "PU.JKM.RATE",
        "0.30",
        "%",
        EPOCH,
        None,
        "PP 44/2015 Pasal 18",
        "confirmed",
        "Iuran JKM Penerima Upah, dibayar pemberi kerja",
        "PU JKM iuran, paid by the employer",
        PARAPUAN,
    ),
    rec(
        "PU.JHT.EMPLOYER",
        "3.7",
        "%",
        EPOCH,
        None,
        "PP 46/2015",
        "confirmed",
        "Iuran JHT bagian pemberi kerja",
        "JHT iuran, employer share",
        FAME,
    ),
    rec(
        "PU.JHT.WORKER",
        "2",
        "%",
        EPOCH,
        None,
        "PP 46/2015",
        "confirmed",
        "Iuran JHT bagian pekerja (dipotong dari upah)",
        "JHT iuran, worker share (deducted from wages)",
        FAME,
    ),
    rec(
        "PU.JKP.TOTAL",
        "0.46",
        "%",
        JKP_START,
        date(2025, 2, 6),
        "PP 37/2021 Pasal 11",
        "confirmed",
        "Iuran JKP total: 0,22% pemerintah pusat + 0,14% rekomposisi JKK + 0,10% rekomposisi JKM",
        "JKP iuran in total: 0.22% central government + 0.14% from JKK + 0.10% from JKM",
        BISNIS,
    ),
    rec(
        "PU.JKP.TOTAL",
        "0.36",
        "%",
        PP6_2025,
        None,
        "PP 6/2025 (mengubah PP 37/2021 Pasal 11)",
        "confirmed",
        "Iuran JKP total: 0,22% pemerintah pusat + 0,14% rekomposisi JKK",
        "JKP iuran in total: 0.22% central government + 0.14% from JKK",
        PASAL_PP6,
    ),
    rec(
        "PU.JKP.GOVERNMENT",
        "0.22",
        "%",
        JKP_START,
        None,
        "PP 37/2021 Pasal 11; PP 6/2025",
        "confirmed",
        "Iuran JKP yang dibayar pemerintah pusat (tanpa biaya tambahan bagi pemberi kerja atau pekerja)",
        "JKP iuran paid by the central government (no extra charge to employer or worker)",
        BISNIS,
        PASAL_PP6,
    ),
    rec(
        "PU.JKP.RECOMP_JKK",
        "0.14",
        "%",
        JKP_START,
        None,
        "PP 37/2021 Pasal 11; PP 6/2025",
        "confirmed",
        "Bagian iuran JKK yang direkomposisi ke JKP (sudah termasuk dalam iuran JKK)",
        "Share of the JKK iuran recomposed into JKP (already inside the JKK iuran)",
        BISNIS,
        PASAL_PP6,
    ),
    rec(
        "PU.JKP.RECOMP_JKM",
        "0.10",
        "%",
        JKP_START,
        date(2025, 2, 6),
        "PP 37/2021 Pasal 11",
        "confirmed",
        "Bagian iuran JKM yang direkomposisi ke JKP (dihapus oleh PP 6/2025)",
        "Share of the JKM iuran recomposed into JKP (dropped by PP 6/2025)",
        BISNIS,
    ),
    rec(
        "PU.JKP.WAGE_CAP",
        5_000_000,
        "Rp",
        JKP_START,
        None,
        "PP 37/2021; tidak diubah PP 6/2025",
        "confirmed",
        "Batas upah JKP",
        "JKP wage cap",
        PARAPUAN_JKP,
    ),
)

FAMILY = Family(
    slug="pu",
    title_id="Iuran Penerima Upah (PU)",
    title_en="Wage earners (PU) contributions",
    intro_en=(
        "JKK by the five risk classes, JKM and JHT on the monthly wage (upah pokok + tunjangan tetap); JKP "
        "is shown as a government line at 0.22% of the wage capped at Rp 5 juta, because the rest of the JKP "
        "iuran is recomposed from the JKK (and, before PP 6/2025, JKM) the employer already pays. Non-ASN "
        "staff are PU with the Pemda as employer (PP 49/2023). JP rates and caps are on the JP page; "
        "discounts and relief on the relief page."
    ),
    records=RECORDS,
)
