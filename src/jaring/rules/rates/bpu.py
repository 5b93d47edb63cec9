"""Bukan Penerima Upah (informal and self-employed, incl. Pemda-funded pekerja rentan): iuran."""

from __future__ import annotations

from datetime import date

from jaring.rules.table import EPOCH, Family, rec

BPJS_18931 = "https://www.bpjsketenagakerjaan.go.id/artikel/18931/artikel--diskon-50-persen-iuran-bpjs-ketenagakerjaan-ini-dia-syaratnya.bpjs"
STAR_GRID = "https://star.grid.id/amp/453740395/terlengkap-cek-iuran-bpjs-ketenagakerjaan-bukan-penerima-upah-alias-mandiri-beda-pendapatan-beda-besarnya"
GRIDTECHNO = (
    "https://star.gridtechno.com/read/453605898/ojol-juga-bisa-jadi-peserta-bpjs-ketenagakerjaan-ini-besaran-iurannya"
)
RADAR = "https://radarmukomuko.disway.id/read/666514/berapa-besaran-iuran-bpjs-ketenagakerjaan-begini-perhitungannya-dan-besarannya"
ALKHAIRAAT = (
    "https://media.alkhairaat.id/bpjamsostek-rp16-800-bagi-peserta-mandiri-dapat-dua-perlindungan-dan-bebas-denda"
)
PERDIR = "http://online.flipbuilder.com/kduhm/fxda/files/basic-html/page59.html"
ANTARA = "https://jateng.antaranews.com/berita/619022/pemerintah-diskon-50-persen-iuran-bpjs-ketenagakerjaan-bagi-pekerja-bpu"
CNBC = "https://www.cnbcindonesia.com/market/20260204140501-17-708135/prabowo-beri-diskon-50-iuran-jkk-jkm-pekerja-informal-ojol-termasuk/amp"

LAMPIRAN = "PP 44/2015 Lampiran II (sebagaimana diubah PP 82/2019 dan PP 49/2023)"
BAND_PREFIX = "BPU.BAND."
MINIMUM_BASIS = 1_000_000
TOP_BASIS = 20_700_000

# PP 50/2025 Pasal 4(1): 50% off BPU JKK and JKM, by sector and iuran month.
PP50_TRANSPORT = (date(2026, 1, 1), date(2027, 3, 31))
PP50_OTHER = (date(2026, 4, 1), date(2026, 12, 31))

# S-647/MK.02/2022: election ad hoc honoraria (monthly), used as the basis for ad hoc officers.
ADHOC_HONORARIA = {
    "KPPS_CHAIR": 1_200_000,
    "KPPS_MEMBER": 1_100_000,
    "PPK_CHAIR": 2_500_000,
    "PPK_MEMBER": 2_200_000,
    "PPS_CHAIR": 1_500_000,
    "PPS_MEMBER": 1_300_000,
}

RECORDS = (
    # Only the confirmed rows of the band table; incomes between them get a warning (BPU.BAND.GAP).
    rec(
        f"{BAND_PREFIX}{MINIMUM_BASIS}",
        MINIMUM_BASIS,
        "Rp",
        EPOCH,
        None,
        LAMPIRAN,
        "confirmed",
        "Penghasilan Rp 1.000.000 s.d. Rp 1.099.999: dasar Rp 1.000.000 (JKK Rp 10.000)",
        "Income Rp 1,000,000 to Rp 1,099,999: basis Rp 1,000,000 (JKK Rp 10,000)",
        BPJS_18931,
        RADAR,
        lower=MINIMUM_BASIS,
        upper=1_100_000,
    ),
    rec(
        f"{BAND_PREFIX}1200000",
        1_200_000,
        "Rp",
        EPOCH,
        None,
        LAMPIRAN,
        "confirmed",
        "Penghasilan Rp 1.100.000 s.d. Rp 1.299.999: dasar Rp 1.200.000 (JKK Rp 12.000)",
        "Income Rp 1,100,000 to Rp 1,299,999: basis Rp 1,200,000 (JKK Rp 12,000)",
        BPJS_18931,
        lower=1_100_000,
        upper=1_300_000,
    ),
    rec(
        f"{BAND_PREFIX}{TOP_BASIS}",
        TOP_BASIS,
        "Rp",
        EPOCH,
        None,
        LAMPIRAN,
        "confirmed",
        "Penghasilan Rp 20.700.000 ke atas: dasar tertinggi Rp 20.700.000 (JKK Rp 207.000)",
        "Income Rp 20,700,000 and above: top basis Rp 20,700,000 (JKK Rp 207,000)",
        RADAR,
        BPJS_18931,
        lower=TOP_BASIS,
    ),
    rec(
        "BPU.JKK.RATE",
        "1",
        "%",
        EPOCH,
        None,
        "PP 44/2015 sebagaimana diubah PP 82/2019",
        "confirmed",
        "Iuran JKK BPU: 1% dari dasar penghasilan",
        "BPU JKK iuran: 1% of the band basis",
        RADAR,
        STAR_GRID,
    ),
    rec(
        "BPU.JKM.FLAT",
        6_800,
        "Rp",
        EPOCH,
        None,
        "PP 44/2015",
        "confirmed",
        "Iuran JKM BPU per bulan",
        "BPU JKM iuran per month",
        STAR_GRID,
        GRIDTECHNO,
    ),
    rec(
        "BPU.JHT.RATE",
        "2",
        "%",
        EPOCH,
        None,
        "PP 46/2015",
        "confirmed",
        "Iuran JHT BPU (pilihan): 2% dari dasar penghasilan",
        "BPU JHT iuran (optional): 2% of the band basis",
        STAR_GRID,
        GRIDTECHNO,
    ),
    rec(
        "BPU.PREPAY.MAX_MONTHS",
        12,
        "bulan",
        EPOCH,
        None,
        "praktik kantor cabang BPJS",
        "confirmed",
        "Iuran dapat dibayar di muka 1, 3, 6 atau 12 bulan",
        "Iuran may be paid 1, 3, 6 or 12 months ahead",
        ALKHAIRAAT,
    ),
    rec(
        "BPU.LAPSE.UNPAID_MONTHS",
        3,
        "bulan",
        EPOCH,
        None,
        "Perdir 22/PERDIR.02/072022",
        "confirmed",
        "Kepesertaan berakhir (atau nonaktif bila JHT sudah diklaim) setelah 3 bulan berturut-turut tidak "
        "membayar; tanpa denda",
        "Membership ends (or is inactive if JHT was claimed) after 3 consecutive unpaid months; no fine",
        PERDIR,
    ),
    rec(
        "BPU.PP50.TRANSPORT",
        "50",
        "%",
        *PP50_TRANSPORT,
        "PP 50/2025 Pasal 4(1)",
        "confirmed",
        "Diskon 50% iuran JKK dan JKM BPU sektor transportasi (ojol, ojek, kurir, sopir); tidak berlaku "
        "bila iuran dibayar melalui APBN atau APBD",
        "50% off BPU JKK and JKM for transport workers; not when paid through APBN or APBD",
        BPJS_18931,
        ANTARA,
        CNBC,
    ),
    rec(
        "BPU.PP50.OTHER",
        "50",
        "%",
        *PP50_OTHER,
        "PP 50/2025 Pasal 4(1)",
        "confirmed",
        "Diskon 50% iuran JKK dan JKM BPU sektor lain; tidak berlaku bila iuran dibayar melalui APBN/APBD",
        "50% off BPU JKK and JKM for other BPU; not when paid through APBN or APBD",
        BPJS_18931,
        CNBC,
    ),
    *(
        rec(
            f"ADHOC.HONORARIUM.{role}",
            amount,
            "Rp",
            date(2022, 1, 1),
            None,
            "S-647/MK.02/2022",
            "confirmed",
            f"Honorarium bulanan petugas ad hoc pemilu: {role.replace('_', ' ').lower()}",
            f"Monthly honorarium of an election ad hoc officer: {role.replace('_', ' ').lower()}",
        )
        for role, amount in ADHOC_HONORARIA.items()
    ),
)

FAMILY = Family(
    slug="bpu",
    title_id="Iuran Bukan Penerima Upah (BPU)",
    title_en="Non-wage earners (BPU) contributions",
    intro_en=(
        "The declared income falls in a band with a fixed basis (PP 44/2015 Lampiran II); JKK is 1% and "
        "the optional JHT 2% of the basis, JKM Rp 6,800 flat. The full band table was not found: only the "
        "confirmed rows are stored, and an income between them is handled by the configurable rule "
        "BPU.BAND.GAP (default: the declared income is the basis) with a warning. Iuran may be paid 1, 3, "
        "6 or 12 months ahead. The PP 50/2025 discount does not apply when the funder is APBN, APBD or "
        "DBHCHT (through the APBD); APBDes is the configurable rule BPU.PP50.APBDES. Lines are paid by "
        "`government` when the funder is APBD, APBN, APBDes or DBHCHT, otherwise by `participant` (CSR, "
        "donor and Baznas pay on the participant's behalf; the line records the funder)."
    ),
    records=RECORDS,
)
