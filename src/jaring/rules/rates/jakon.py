"""Jasa Konstruksi: marginal tiers on the contract value (excl. PPN), or the wage when it is known."""

from __future__ import annotations

from jaring.rules.table import EPOCH, Family, Status, rec

GRID_JKK = "https://star.grid.id/read/453670457/cek-besar-iuran-jaminan-kecelakaan-kerja-bpjs-ketenagakerjaan-penerima-upah-bukan-penerima-upah-dan-jasa-konstruksi?page=3"
FLIP_301 = "https://online.flipbuilder.com/plcl/rmzy/files/basic-html/page301.html"
TANGSEL = "http://mpp.tangerangselatankota.go.id/instansi/detail/4"
PASAL_PP49_12 = "https://www.pasal.id/peraturan/pp/pp-no-49-tahun-2020/koreksi/8991937"
GRID_JKM = "https://star.grid.id/read/453624938/beda-dengan-pu-dan-bpu-ini-penghitungan-iuran-untuk-pekerja-konstruksi-bpjs-ketenagakerjaan?page=all"
PERDIR_JKM = "http://online.flipbuilder.com/bcgyr/dubq/files/basic-html/page98.html"

JUTA = 1_000_000
MILIAR = 1_000_000_000
# Tier bounds (lower inclusive, upper exclusive); the amounts are marginal so the bound convention
# does not change any result: the schedule is continuous at every boundary.
BOUNDS = (
    ("A", 0, 100 * JUTA),
    ("B", 100 * JUTA, 500 * JUTA),
    ("C", 500 * JUTA, MILIAR),
    ("D", MILIAR, 5 * MILIAR),
    ("E", 5 * MILIAR, None),
)
_JKK = {"A": "0.21", "B": "0.17", "C": "0.13", "D": "0.11", "E": "0.09"}
_JKM: dict[str, tuple[str, Status, str, str]] = {
    "A": ("0.03", "confirmed", "PP 49/2020 Pasal 12 text (× 100)", PASAL_PP49_12),
    "B": ("0.02", "confirmed", "PP 49/2020 Pasal 12 text (× 100)", PASAL_PP49_12),
    "C": ("0.02", "confirmed", "Perdir 22/PERDIR.02/072022 table", PERDIR_JKM),
    "D": ("0.01", "derived", "strong inference from the pre-2015 combined schedule", GRID_JKM),
    "E": ("0.01", "unconfirmed", "one secondary source (GridStar); a 2025 blog gives 0.005%", GRID_JKM),
}
JKM_TIER_E_ALTERNATIVE = "0.005"


def _range_id(lower: int, upper: int | None) -> str:
    def juta(v: int) -> str:
        return f"Rp {v // MILIAR} M" if v >= MILIAR else f"Rp {v // JUTA} juta"

    return f"di atas {juta(lower)}" if upper is None else f"{juta(lower)} s.d. {juta(upper)}"


RECORDS = (
    *(
        rec(
            f"JAKON.JKK.TIER_{tier}",
            _JKK[tier],
            "%",
            EPOCH,
            None,
            "PP 44/2015; Permenaker 44/2015",
            "confirmed",
            f"JKK Jakon tanpa upah: {_JKK[tier]}% atas bagian nilai kontrak {_range_id(lo, hi)}",
            f"Jakon JKK, wage unknown: {_JKK[tier]}% of the part of the contract value in tier {tier}",
            GRID_JKK,
            FLIP_301,
            TANGSEL,
            lower=lo,
            upper=hi,
        )
        for tier, lo, hi in BOUNDS
    ),
    *(
        rec(
            f"JAKON.JKM.TIER_{tier}",
            _JKM[tier][0],
            "%",
            EPOCH,
            None,
            "PP 44/2015",
            _JKM[tier][1],
            f"JKM Jakon tanpa upah: {_JKM[tier][0]}% atas bagian nilai kontrak {_range_id(lo, hi)}",
            f"Jakon JKM, wage unknown: {_JKM[tier][0]}% of the part in tier {tier} ({_JKM[tier][2]})",
            _JKM[tier][3],
            lower=lo,
            upper=hi,
        )
        for tier, lo, hi in BOUNDS
    ),
    rec(
        "JAKON.WAGE.JKK",
        "1.74",
        "%",
        EPOCH,
        None,
        "PP 44/2015",
        "confirmed",
        "JKK Jakon bila upah diketahui: 1,74% dari upah sebulan",
        "Jakon JKK with known wages: 1.74% of the wage",
        GRID_JKM,
        PERDIR_JKM,
    ),
    rec(
        "JAKON.WAGE.JKM",
        "0.30",
        "%",
        EPOCH,
        None,
        "PP 44/2015",
        "confirmed",
        "JKM Jakon bila upah diketahui: 0,30% dari upah sebulan",
        "Jakon JKM with known wages: 0.30% of the wage",
        GRID_JKM,
        PERDIR_JKM,
    ),
)

FAMILY = Family(
    slug="jakon",
    title_id="Iuran Jasa Konstruksi (Jakon)",
    title_en="Construction (Jakon) contributions",
    intro_en=(
        "When the wages are not known, JKK and JKM are marginal (cumulative) tiers on the contract value "
        "excluding PPN: each tier's rate applies only to the part of the value inside the tier, so the "
        "schedule is continuous at every boundary. The JKM tier above Rp 5 M is the configurable rule "
        "JAKON.JKM.TIER_E (default 0.01%, alternative 0.005%). With known wages: JKK 1.74% and JKM 0.30% "
        "of the monthly wage. All lines are paid by the contractor; each programme is rounded once, half-up."
    ),
    records=RECORDS,
)
