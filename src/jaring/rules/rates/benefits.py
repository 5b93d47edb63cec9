"""Death and accident benefits (manfaat): JKM and JKK figures. JKP/JHT and JP have their own pages."""

from __future__ import annotations

from datetime import date, timedelta

from jaring.rules.table import EPOCH, Family, rec

BPJS_18126 = (
    "https://bpjsketenagakerjaan.go.id/artikel/18126/artikel-apa-saja-manfaat-program-jkm-dari-bpjs-ketenagakerjaan"
)
KORAN = "https://koranperbatasan.com/baca/nasional/presiden-jokowi-tambah-santunan-kecelakaan-kerja"
KOMPAS_TV = "https://www.kompas.tv/bisnis/304417/freelancer-hingga-wirausaha-bisa-dapat-manfaat-jht-hingga-jkm-di-bpjs-ketenagakerjaan?page=2"
PIKIRAN = "https://bandarlampung.pikiran-rakyat.com/bisnis-ekonomi/pr-3438034106/besaran-beasiswa-dari-bpjs-ketenagakerjaan-penjelasan-lengkap"
SUARAKARYA = "https://www.suarakarya.id/ekonomi/pr-2605782126/bpjamsostek-ajak-pelaku-umkm-di-kabupaten-kediri-segera-lindungi-diri-dengan-jaminan-sosial-ketenagakerjaan?page=2"
BURSAKOTA = "https://www.bursakota.co.id/?p=68592"
TOPCAREER = "https://topcareer.id/read/2020/01/20/20855/bpjamsostek-manfaatnya-naik-iurannya-tetap-sama"
SEPUTAR = "https://www.seputarpabrik.com/2018/12/mengetahui-besarnya-uang-santunan-cacat.html"
DETIK = "https://finance.detik.com/berita-ekonomi-bisnis/d-5759152/meninggal-kecelakaan-kerja-di-gorong-gorong-gimana-klaim-santunannya/2"
FLIP_199 = "http://online.flipbuilder.com/plcl/ztyb/files/basic-html/page199.html"

# PP 82/2019's date of effect is not in the reference: the records switch on the default of the
# configurable rule BENEFIT.PP82.EFFECTIVE (promulgation, 2 Dec 2019); the calculators honour the option.
PP82 = date(2019, 12, 2)
PRE82 = (EPOCH, PP82 - timedelta(days=1))
POST82 = (PP82, None)
PP82_CITE = "PP 82/2019 (mengubah PP 44/2015)"

# PP 82/2019 beasiswa per school level: (yearly amount, max years).
SCHOLARSHIP_LEVELS = {
    "TK": (1_500_000, 2),
    "SD": (1_500_000, 6),
    "SMP": (2_000_000, 3),
    "SMA": (3_000_000, 3),
    "PT": (12_000_000, 5),
}

# Lampiran III PP 44/2015 rows given in the reference: % × 80 × wage.
DISABILITY_TABLE = {
    "BOTH_EYES": 70,
    "ONE_EYE": 35,
    "HEARING_BOTH": 40,
    "HEARING_ONE": 20,
    "RIGHT_ARM_SHOULDER": 40,
    "LEFT_ARM_SHOULDER": 35,
    "EAR_LOBE_ONE": 5,
    "EAR_LOBE_BOTH": 10,
    "NOSE_WING": 30,
    "SMELL": 10,
    "COLOUR_VISION": 10,
}

RECORDS = (
    rec(
        "JKM.DEATH",
        16_200_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Santunan kematian JKM (sekaligus)",
        "JKM death benefit (lump sum)",
        KORAN,
    ),
    rec(
        "JKM.DEATH",
        20_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Santunan kematian JKM (sekaligus)",
        "JKM death benefit (lump sum)",
        BPJS_18126,
    ),
    rec(
        "JKM.PERIODIC",
        4_800_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Santunan berkala JKM (24 × Rp 200.000)",
        "JKM periodic benefit (24 × Rp 200,000)",
        KORAN,
    ),
    rec(
        "JKM.PERIODIC",
        12_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Santunan berkala JKM, dibayar sekaligus",
        "JKM periodic benefit, paid at once",
        BPJS_18126,
    ),
    rec(
        "JKM.FUNERAL",
        3_000_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Biaya pemakaman",
        "Funeral costs",
        KORAN,
    ),
    rec(
        "JKM.FUNERAL",
        10_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Biaya pemakaman",
        "Funeral costs",
        BPJS_18126,
    ),
    rec(
        "JKM.SCHOLARSHIP.MIN_MONTHS",
        36,
        "bulan",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Beasiswa hanya bila masa iur paling singkat 3 tahun",
        "Scholarship only after 3 years of contributions",
        KOMPAS_TV,
        BURSAKOTA,
    ),
    rec(
        "JKM.SCHOLARSHIP.MAX_CHILDREN",
        2,
        "×",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Beasiswa untuk paling banyak 2 anak",
        "Scholarship for at most 2 children",
        KOMPAS_TV,
    ),
    rec(
        "JKM.SCHOLARSHIP.PER_CHILD_MAX",
        87_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "derived",
        "Beasiswa maksimum per anak (jumlah semua jenjang)",
        "Maximum scholarship per child (all levels)",
        PIKIRAN,
    ),
    rec(
        "JKM.SCHOLARSHIP.TOTAL_MAX",
        174_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Beasiswa maksimum untuk 2 anak",
        "Maximum scholarship for 2 children",
        SUARAKARYA,
    ),
    *(
        rec(
            f"JKM.SCHOLARSHIP.{level}",
            amount,
            "Rp",
            *POST82,
            PP82_CITE,
            "confirmed",
            f"Beasiswa jenjang {level} per tahun, paling lama {years} tahun",
            f"Scholarship for level {level} per year, at most {years} years",
            PIKIRAN,
        )
        for level, (amount, years) in SCHOLARSHIP_LEVELS.items()
    ),
    rec(
        "JKM.BPU_EARLY.TOTAL",
        10_000_000,
        "Rp",
        date(2021, 1, 1),
        None,
        "Peraturan BPJS Ketenagakerjaan 5/2021 (sebagaimana dikutip)",
        "unconfirmed",
        "JKM BPU dengan kepesertaan kurang dari 3 bulan: Rp 10 juta seluruhnya",
        "JKM for a BPU member of less than 3 months: Rp 10 juta in total",
        BURSAKOTA,
    ),
    rec(
        "JKM.BPU_EARLY.MIN_MONTHS",
        3,
        "bulan",
        date(2021, 1, 1),
        None,
        "Peraturan BPJS Ketenagakerjaan 5/2021 (sebagaimana dikutip)",
        "unconfirmed",
        "Masa kepesertaan BPU untuk manfaat JKM penuh",
        "BPU membership months for the full JKM",
        BURSAKOTA,
    ),
    rec(
        "JKK.DEATH.MULTIPLIER",
        48,
        "×",
        EPOCH,
        None,
        "PP 44/2015 (60% × 80 × upah)",
        "confirmed",
        "Santunan kematian JKK: 48 × upah, paling sedikit santunan kematian JKM",
        "JKK death benefit: 48 × wage, at least the JKM death benefit",
        DETIK,
        FLIP_199,
    ),
    rec(
        "JKK.DEATH.PERIODIC",
        4_800_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Santunan berkala JKK (24 × Rp 200.000)",
        "JKK periodic benefit (24 × Rp 200,000)",
        FLIP_199,
    ),
    rec(
        "JKK.DEATH.PERIODIC",
        12_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Santunan berkala JKK",
        "JKK periodic benefit",
        DETIK,
    ),
    rec(
        "JKK.DEATH.FUNERAL",
        3_000_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Biaya pemakaman JKK",
        "JKK funeral costs",
        FLIP_199,
    ),
    rec(
        "JKK.DEATH.FUNERAL",
        10_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Biaya pemakaman JKK",
        "JKK funeral costs",
        DETIK,
    ),
    rec(
        "JKK.STMB.FULL_MONTHS",
        6,
        "bulan",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "STMB 100% upah selama 6 bulan pertama",
        "STMB 100% of wage for the first 6 months",
        TOPCAREER,
    ),
    rec(
        "JKK.STMB.FULL_MONTHS",
        12,
        "bulan",
        *POST82,
        PP82_CITE,
        "confirmed",
        "STMB 100% upah selama 12 bulan pertama",
        "STMB 100% of wage for the first 12 months",
        TOPCAREER,
        SUARAKARYA,
    ),
    rec(
        "JKK.STMB.MIDDLE",
        75,
        "%",
        *PRE82,
        "PP 44/2015 Lampiran (tidak ada dalam referensi)",
        "unconfirmed",
        "STMB bulan 7-12 sebelum PP 82/2019: 75% upah",
        "STMB months 7-12 before PP 82/2019: 75% of wage",
    ),
    rec(
        "JKK.STMB.REDUCED",
        50,
        "%",
        EPOCH,
        None,
        "PP 44/2015; PP 82/2019",
        "confirmed",
        "STMB setelah masa penuh: 50% upah sampai sembuh",
        "STMB after the full period: 50% until recovery",
        TOPCAREER,
    ),
    rec(
        "JKK.DISABILITY.FACTOR",
        80,
        "×",
        EPOCH,
        None,
        "PP 44/2015 Lampiran III",
        "confirmed",
        "Santunan cacat: persentase tabel × 80 × upah",
        "Disability benefit: table % × 80 × wage",
        SEPUTAR,
    ),
    rec(
        "JKK.DISABILITY.TOTAL",
        70,
        "%",
        EPOCH,
        None,
        "PP 44/2015 Lampiran III",
        "confirmed",
        "Cacat total tetap: 70% × 80 × upah",
        "Total permanent disability: 70% × 80 × wage",
        SEPUTAR,
        TOPCAREER,
    ),
    rec(
        "JKK.DISABILITY.PERIODIC",
        12_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "confirmed",
        "Santunan berkala cacat total tetap",
        "Periodic benefit for total permanent disability",
        TOPCAREER,
    ),
    rec(
        "JKK.DISABILITY.PERIODIC",
        4_800_000,
        "Rp",
        *PRE82,
        "PP 44/2015",
        "confirmed",
        "Santunan berkala cacat total tetap (24 × Rp 200.000)",
        "Periodic benefit, total disability",
        FLIP_199,
    ),
    *(
        rec(
            f"JKK.DISABILITY.TABLE.{item}",
            pct,
            "%",
            EPOCH,
            None,
            "PP 44/2015 Lampiran III",
            "confirmed",
            f"Tabel cacat: {item.replace('_', ' ').lower()}",
            f"Disability table: {item.replace('_', ' ').lower()}",
            SEPUTAR,
            TOPCAREER,
        )
        for item, pct in DISABILITY_TABLE.items()
    ),
    rec(
        "JKK.HOME_CARE.CAP",
        20_000_000,
        "Rp",
        *POST82,
        PP82_CITE,
        "unconfirmed",
        "Perawatan di rumah paling banyak Rp 20 juta, paling lama 1 tahun (satu sumber menulis Rp 2 juta)",
        "Home care at most Rp 20 juta for at most a year (one source says Rp 2 juta)",
        TOPCAREER,
    ),
    *(
        rec(
            f"JKK.TRANSPORT.{mode}",
            cap,
            "Rp",
            *POST82,
            PP82_CITE,
            "confirmed",
            f"Biaya pengangkutan korban ({mode.lower()}) paling banyak",
            f"Transport of the injured ({mode.lower()}) cap",
            TOPCAREER,
        )
        for mode, cap in (("LAND", 5_000_000), ("SEA", 2_000_000), ("AIR", 10_000_000))
    ),
    *(
        rec(
            f"JKK.AID.{aid}",
            cap,
            "Rp",
            *POST82,
            PP82_CITE,
            "confirmed",
            f"Alat bantu ({aid.lower()}) paling banyak",
            f"Aid ({aid.lower()}) cap",
            TOPCAREER,
        )
        for aid, cap in (("HEARING", 2_500_000), ("DENTURES", 5_000_000), ("SPECTACLES", 1_000_000))
    ),
)

FAMILY = Family(
    slug="benefits",
    title_id="Manfaat JKM dan JKK",
    title_en="Benefits: JKM and JKK",
    intro_en=(
        "Benefit figures by date. PP 82/2019 raised JKM to Rp 42 juta and added the scholarship; its date "
        "of effect is the configurable rule BENEFIT.PP82.EFFECTIVE. For a BPU the wage is the band basis of "
        "the declared income. JKK death is 48 × wage with the JKM death benefit as floor; total permanent "
        "disability is 70% × 80 × wage; partial disability is the table % × 80 × wage (× the % loss of "
        "function for a functional loss). STMB pays 100% of the wage for 12 months (6 before PP 82/2019), "
        "then 50%. The scholarship is reported as a maximum and kept out of the total."
    ),
    records=RECORDS,
)
