"""Relief, discounts and late payment: PP 49/2020, PP 7/2025 (+ PP 36/2025), denda."""

from __future__ import annotations

from datetime import date

from jaring.rules.table import EPOCH, Family, rec

SULBAR = "https://sulbarpedia.com/hore-iuran-bpjs-ketenagakerjaan-diskon-99-sampai-2021/"
HEADLINES = "https://headlines.id/keringanan-iuran-jamsostek-diteken-gaji-utuh/"
TRANSKEPRI = "https://transkepri.com/news/cetak/4739"
PASAL_PP49 = "https://www.pasal.id/peraturan/pp/pp-no-49-tahun-2020/koreksi/8991934"
KONTAN_PK = "https://nasional.kontan.co.id/news/prabowo-beri-diskon-50-iuran-jkk-untuk-industri-padat-karya"
WMHG = "https://www.wmhg.org/ekonomi/bisnis/prabowo-perpanjang-keringanan-iuran-jkk-bpjs-ketenagakerjaan-hingga-januari-2026-2"
KONTAN_LATE = "https://keuangan.kontan.co.id/news/siapa-yang-bayar-iuran-jkk-bpjs-ketenagakerjaan-ini-jawabannya?page=3"

# PP 49/2020 relief, by iuran month (BPJS Director of Kepesertaan, 24 Sep 2020).
PP49_WINDOW = (date(2020, 8, 1), date(2021, 1, 31))

RECORDS = (
    rec(
        "PP49.JKK_JKM.FACTOR",
        "1",
        "%",
        *PP49_WINDOW,
        "PP 49/2020 Pasal 3(2)",
        "confirmed",
        "Keringanan COVID-19: iuran JKK dan JKM dibayar 1% dari normal (diskon 99%)",
        "COVID-19 relief: JKK and JKM iuran at 1% of normal (99% off)",
        HEADLINES,
        TRANSKEPRI,
        PASAL_PP49,
        SULBAR,
    ),
    rec(
        "PP49.JP.DEFERRED",
        "99",
        "%",
        *PP49_WINDOW,
        "PP 49/2020 Pasal 3(2)",
        "confirmed",
        "99% iuran JP dapat ditunda bagi usaha menengah dan besar (dilunasi 15 Mei 2021 - 15 April 2022); "
        "tetap terutang",
        "99% of JP may be deferred by medium and large firms (settled 15 May 2021 - 15 April 2022); still owed",
        HEADLINES,
        TRANSKEPRI,
    ),
    rec(
        "PP49.DUE_DAY",
        30,
        "hari",
        *PP49_WINDOW,
        "PP 49/2020 Pasal 3(2)",
        "confirmed",
        "Batas bayar iuran tanggal 30 bulan berikutnya",
        "Iuran due on the 30th of the following month",
        HEADLINES,
    ),
    rec(
        "PP49.LATE_FINE",
        "0.5",
        "%",
        *PP49_WINDOW,
        "PP 49/2020 Pasal 23",
        "confirmed",
        "Denda keterlambatan 0,5% per bulan",
        "Late-payment fine 0.5% a month",
        HEADLINES,
        SULBAR,
    ),
    rec(
        "PP7.JKK.DISCOUNT",
        "50",
        "%",
        date(2025, 2, 1),
        date(2025, 7, 31),
        "PP 7/2025",
        "confirmed",
        "Diskon 50% iuran JKK industri padat karya tertentu (min. 50 peserta aktif; makanan, minuman, "
        "tembakau, tekstil, pakaian, kulit, alas kaki, mainan anak, furnitur)",
        "50% off JKK for certain labour-intensive industries (at least 50 active participants)",
        KONTAN_PK,
    ),
    rec(
        "PP7.JKK.DISCOUNT",
        "50",
        "%",
        date(2025, 8, 1),
        date(2026, 1, 31),
        "PP 36/2025 Pasal 10A",
        "confirmed",
        "Perpanjangan diskon 50% JKK padat karya sampai iuran Januari 2026",
        "Extension of the 50% labour-intensive JKK discount to iuran month January 2026",
        WMHG,
    ),
    rec(
        "LATE.PU.DUE_DAY",
        15,
        "hari",
        EPOCH,
        None,
        "PP 44/2015",
        "confirmed",
        "Iuran PU dibayar paling lambat tanggal 15 bulan berikutnya",
        "PU iuran is due by the 15th of the following month",
        KONTAN_LATE,
    ),
    rec(
        "LATE.PU.FINE",
        "2",
        "%",
        EPOCH,
        None,
        "PP 44/2015",
        "confirmed",
        "Denda 2% per bulan keterlambatan atas iuran terutang, tidak majemuk, tanpa batas; terlambat satu "
        "hari dihitung satu bulan; ditanggung pemberi kerja",
        "Fine 2% per month late on the iuran due, simple, no cap; one day late counts as a month; borne by "
        "the employer",
        KONTAN_LATE,
    ),
)

FAMILY = Family(
    slug="relief",
    title_id="Keringanan, diskon dan denda",
    title_en="Relief, discounts and late payment",
    intro_en=(
        "PP 49/2020 cut JKK and JKM to 1% of normal for iuran months August 2020 - January 2021 (all "
        "segments), moved the deadline to the 30th and set the fine at 0.5%. PP 7/2025, extended by PP "
        "36/2025, halves PU JKK for certain labour-intensive industries (`padat_karya`) for iuran months "
        "February 2025 - January 2026. Each line applies its multipliers and is then rounded once, half-up "
        "to the rupiah. The PP 50/2025 BPU discount is on the BPU page. Late payment: `late_payment_fine` "
        "(PU) and `bpu_membership_status` (BPU lapse)."
    ),
    records=RECORDS,
)
