"""Income-replacement and savings benefits: JKP (PP 37/2021, PP 6/2025) and JHT payout conditions."""

from __future__ import annotations

from datetime import date, timedelta

from jaring.rules.table import EPOCH, Family, rec

OKEZONE = "https://economy.okezone.com/read/2025/02/17/320/3114365/aturan-terbaru-untuk-korban-phk-dijamin-60-gaji-selama-6-bulan"
PARAPUAN_JKP = (
    "https://www.parapuan.co/read/533159714/iuran-jkp-dibayar-pemerintah-ini-perhitungan-dana-yang-diterima?page=3"
)
JABAR = "https://www.jabarnews.com/ragam/korban-phk-kini-dapatkan-60-persen-gaji-selama-6-bulan-berlaku-tahun-ini/2"
SERUAN = "https://seruannasional.com/?p=774"
PASAL_PP6 = "https://pasal.id/en/peraturan/pp/pp-no-6-tahun-2025/koreksi/5825012"
DETIK_JHT = "https://finance.detik.com/berita-ekonomi-bisnis/d-6056339/cek-syarat-lengkap-klaim-jht-buat-pensiunan-hingga-korban-phk/amp"
TRIBUN_JHT = "https://m.tribunnews.com/amp/nasional/2022/04/29/jht-bisa-cair-sebelum-usia-56-tahun-ini-cara-klaim-manfaat-jht-dan-cara-hitung-besarannya"

# PP 6/2025 (60% × 6 months) applies to dismissals from 7 Feb 2025. PP 37/2021 was signed and
# promulgated on 2 Feb 2021 and is in force from its promulgation: a dismissal from that day is covered.
# The central government paid the iuran of participants enrolled in February 2021 (BPJS, Kompas
# 18/02/2022), so iuran month February 2021 is the first (pu.JKP_FIRST_IURAN_MONTH); with 12 months of
# iuran needed (Pasal 19(3)), the first cash claims came on 1 Feb 2022 (Menko Perekonomian, 14/02/2022).
PP6_2025 = date(2025, 2, 7)
JKP_START = date(2021, 2, 2)
JKP_FIRST_CLAIMS = date(2022, 2, 1)
KOMPAS_JKP = "https://nasional.kompas.com/read/2022/02/14/17031361/airlangga-klaim-jkp-sudah-bisa-dilakukan-sejak-1-februari-2022"

RECORDS = (
    rec(
        "JKP.BENEFIT.FIRST",
        45,
        "%",
        JKP_START,
        PP6_2025 - timedelta(days=1),
        "PP 37/2021",
        "confirmed",
        "JKP bulan 1-3: 45% upah",
        "JKP months 1-3: 45% of wage",
        PARAPUAN_JKP,
    ),
    rec(
        "JKP.BENEFIT.SECOND",
        25,
        "%",
        JKP_START,
        PP6_2025 - timedelta(days=1),
        "PP 37/2021",
        "confirmed",
        "JKP bulan 4-6: 25% upah",
        "JKP months 4-6: 25% of wage",
        PARAPUAN_JKP,
    ),
    rec(
        "JKP.BENEFIT.FLAT",
        60,
        "%",
        PP6_2025,
        None,
        "PP 6/2025 Pasal 21(1)",
        "confirmed",
        "JKP: 60% upah paling lama 6 bulan",
        "JKP: 60% of wage for at most 6 months",
        OKEZONE,
        PASAL_PP6,
    ),
    rec(
        "JKP.BENEFIT.MONTHS",
        6,
        "bulan",
        JKP_START,
        None,
        "PP 37/2021; PP 6/2025",
        "confirmed",
        "Lama manfaat uang tunai JKP",
        "JKP cash benefit months",
        OKEZONE,
    ),
    rec(
        "JKP.WAGE_CAP",
        5_000_000,
        "Rp",
        JKP_START,
        None,
        "PP 37/2021; PP 6/2025",
        "confirmed",
        "Batas upah dasar manfaat JKP",
        "JKP benefit wage cap",
        JABAR,
    ),
    rec(
        "JKP.ELIGIBILITY.MONTHS",
        12,
        "bulan",
        JKP_START,
        None,
        "PP 37/2021 Pasal 19",
        "confirmed",
        "Masa iur paling sedikit 12 bulan dalam 24 bulan",
        "At least 12 contribution months within 24",
        SERUAN,
    ),
    rec(
        "JKP.CLAIM_DEADLINE",
        3,
        "bulan",
        JKP_START,
        PP6_2025 - timedelta(days=1),
        "PP 37/2021",
        "confirmed",
        "Klaim paling lambat 3 bulan setelah PHK",
        "Claim within 3 months of dismissal",
        OKEZONE,
    ),
    rec(
        "JKP.CLAIM_DEADLINE",
        6,
        "bulan",
        PP6_2025,
        None,
        "PP 6/2025 Pasal 40",
        "confirmed",
        "Klaim paling lambat 6 bulan setelah PHK",
        "Claim within 6 months of dismissal",
        OKEZONE,
    ),
    rec(
        "JHT.PAYOUT.FULL",
        100,
        "%",
        EPOCH,
        None,
        "Permenaker 4/2022 (memberlakukan kembali Permenaker 19/2015)",
        "confirmed",
        "JHT dibayar penuh: usia 56, berhenti/PHK (tunggu 1 bulan), meninggalkan Indonesia, cacat total "
        "tetap, meninggal, PKWT berakhir, BPU berhenti bekerja",
        "JHT paid in full: age 56, resignation/dismissal (1-month wait), leaving Indonesia, total "
        "disability, death, end of a PKWT contract, a BPU who stops working",
        DETIK_JHT,
        TRIBUN_JHT,
    ),
    rec(
        "JHT.PAYOUT.WAITING_MONTHS",
        1,
        "bulan",
        EPOCH,
        None,
        "Permenaker 4/2022",
        "confirmed",
        "Masa tunggu setelah berhenti atau PHK",
        "Waiting period after resignation or dismissal",
        DETIK_JHT,
    ),
    rec(
        "JHT.PAYOUT.AGE",
        56,
        "tahun",
        EPOCH,
        None,
        "Permenaker 4/2022",
        "confirmed",
        "Usia pencairan penuh JHT",
        "Age for the full JHT payout",
        DETIK_JHT,
    ),
    rec(
        "JHT.PARTIAL.RETIREMENT",
        10,
        "%",
        EPOCH,
        None,
        "Permenaker 4/2022",
        "confirmed",
        "Pencairan sebagian untuk persiapan pensiun, sekali",
        "Partial payout to prepare for retirement, once",
        TRIBUN_JHT,
    ),
    rec(
        "JHT.PARTIAL.HOUSING",
        30,
        "%",
        EPOCH,
        None,
        "Permenaker 4/2022",
        "confirmed",
        "Pencairan sebagian untuk perumahan, sekali",
        "Partial payout for housing, once",
        TRIBUN_JHT,
    ),
    rec(
        "JHT.PARTIAL.MIN_MONTHS",
        120,
        "bulan",
        EPOCH,
        None,
        "Permenaker 4/2022",
        "confirmed",
        "Kepesertaan paling singkat 10 tahun untuk pencairan sebagian",
        "10 years of membership for a partial payout",
        TRIBUN_JHT,
    ),
)

FAMILY = Family(
    slug="jkp-jht",
    title_id="Manfaat JKP dan JHT",
    title_en="Benefits: JKP and JHT",
    intro_en=(
        "JKP pays 45% of the wage for months 1-3 and 25% for months 4-6 (PP 37/2021), or 60% for up to 6 "
        "months for dismissals from 7 Feb 2025 (PP 6/2025), on the wage capped at Rp 5 juta; eligibility "
        "needs 12 contribution months within 24 and consecutive months before the dismissal (6 by default: "
        "the configurable rule JKP.ELIGIBILITY.CONSECUTIVE). JHT is the balance of contributions (PU 5.7%, "
        "BPU 2% of the basis) with a stated yearly return credited monthly at rate/12; the payout "
        "conditions below are data."
    ),
    records=RECORDS,
)
