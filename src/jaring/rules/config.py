"""Rules the reference could not settle: each has a documented default and named alternatives.

Every result whose amount depends on one of these carries a warning naming the rule code and the
option chosen (``RuleConfig.warning``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Literal

BandGap = Literal["declared-income", "lower-confirmed", "reject"]
BelowMinimum = Literal["lift", "reject"]
AdHocBasis = Literal["bpu-package", "pu-percentage"]
EarlySplit = Literal["funeral", "death-benefit"]
MissingBounds = Literal["carry-forward", "reject"]


@dataclass(frozen=True, slots=True)
class RuleConfig:
    # BPU.BAND.GAP: the band table between the confirmed rows was not found. Default: the declared
    # income is the basis (PP 44/2015 words it as "1% of the declared income").
    bpu_band_gap: BandGap = "declared-income"
    # BPU.BAND.BELOW_MIN: incomes under Rp 1 juta; default lifts them to the minimum basis.
    bpu_below_minimum: BelowMinimum = "lift"
    # BPU.PP50.APBDES: PP 50/2025 excludes APBN/APBD payers; APBDes is not stated. Default: treat it as
    # APBD (no discount), so a village budget is never planned short.
    pp50_apbdes_is_apbd: bool = True
    # ADHOC.BASIS: iuran basis of election ad hoc officers not found. Default: the BPU package on the
    # honorarium as declared income; alternative: PU percentages of the honorarium.
    ad_hoc_basis: AdHocBasis = "bpu-package"
    # NON_ASN.JKK_CLASS: the JKK class of government employers was not found.
    non_asn_risk_class: str = "sangat-rendah"
    # JAKON.JKM.TIER_E: JKM rate above Rp 5 M of contract value (GridStar 0.01%; a 2025 blog 0.005%).
    jakon_jkm_tier_e: Decimal = Decimal("0.01")
    # JKP.ELIGIBILITY.CONSECUTIVE: 6 consecutive months (secondary sources on PP 37/2021) or 3 (Kemnaker
    # quoted in 2022); PP 6/2025 amended Pasal 19 without a public text.
    jkp_consecutive_months: int = 6
    # BENEFIT.PP82.EFFECTIVE: PP 82/2019's date of effect (promulgation 2 Dec 2019; signed 26 Nov 2019).
    pp82_effective: date = date(2019, 12, 2)
    # JKM.BPU_EARLY.SPLIT: the Rp 10 juta for a BPU under 3 months, as funeral costs or as death benefit.
    jkm_bpu_early_split: EarlySplit = "funeral"
    # JKK.SCHOLARSHIP.MIN_MONTHS: the 3-year condition is stated for JKM only; sources on JKK name none.
    jkk_scholarship_needs_3_years: bool = False
    # JP.BENEFIT_BOUNDS.GAP: JP floor/ceiling for 2017-2018 and 2020-2022 not found.
    jp_bounds_missing: MissingBounds = "carry-forward"


DEFAULT_CONFIG = RuleConfig()


@dataclass(frozen=True, slots=True)
class ConfigurableRule:
    code: str
    field: str
    option: str
    alternatives: tuple[str, ...]
    description_id: str
    description_en: str


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# code, field, alternatives, Indonesian and English description.
_CATALOGUE: tuple[tuple[str, str, tuple[str, ...], str, str], ...] = (
    (
        "BPU.BAND.GAP",
        "bpu_band_gap",
        ("declared-income", "lower-confirmed", "reject"),
        "Penghasilan BPU di antara baris tabel yang terkonfirmasi: dasar iuran",
        "BPU income between confirmed band rows: the basis used",
    ),
    (
        "BPU.BAND.BELOW_MIN",
        "bpu_below_minimum",
        ("lift", "reject"),
        "Penghasilan BPU di bawah Rp 1 juta: dinaikkan ke dasar minimum atau ditolak",
        "BPU income below Rp 1 juta: lifted to the minimum basis or rejected",
    ),
    (
        "BPU.PP50.APBDES",
        "pp50_apbdes_is_apbd",
        ("yes", "no"),
        "APBDes dianggap APBD sehingga diskon PP 50/2025 tidak berlaku",
        "APBDes counts as APBD, so the PP 50/2025 discount does not apply",
    ),
    (
        "ADHOC.BASIS",
        "ad_hoc_basis",
        ("bpu-package", "pu-percentage"),
        "Dasar iuran petugas ad hoc pemilu: paket BPU atas honorarium, atau persentase PU atas honorarium",
        "Iuran basis of election ad hoc officers: BPU package on the honorarium, or PU percentages of it",
    ),
    (
        "NON_ASN.JKK_CLASS",
        "non_asn_risk_class",
        ("sangat-rendah", "rendah", "sedang", "tinggi", "sangat-tinggi"),
        "Kelas risiko JKK non-ASN bila tidak diberikan",
        "JKK risk class of non-ASN staff when none is given",
    ),
    (
        "JAKON.JKM.TIER_E",
        "jakon_jkm_tier_e",
        ("0.01", "0.005"),
        "Tarif JKM Jakon di atas Rp 5 M nilai kontrak (%)",
        "Jakon JKM rate above Rp 5 M of contract value (%)",
    ),
    (
        "JKP.ELIGIBILITY.CONSECUTIVE",
        "jkp_consecutive_months",
        ("6", "3"),
        "Bulan iuran berturut-turut sebelum PHK untuk hak JKP",
        "Consecutive paid months before dismissal for JKP",
    ),
    (
        "BENEFIT.PP82.EFFECTIVE",
        "pp82_effective",
        ("2019-12-02", "2019-11-26"),
        "Tanggal berlaku PP 82/2019 (manfaat JKK/JKM baru)",
        "Date of effect of PP 82/2019 (new JKK/JKM benefits)",
    ),
    (
        "JKM.BPU_EARLY.SPLIT",
        "jkm_bpu_early_split",
        ("funeral", "death-benefit"),
        "Rp 10 juta JKM BPU < 3 bulan dicatat sebagai biaya pemakaman atau santunan kematian",
        "The Rp 10 juta JKM of a BPU under 3 months, as funeral costs or as death benefit",
    ),
    (
        "JKK.SCHOLARSHIP.MIN_MONTHS",
        "jkk_scholarship_needs_3_years",
        ("no", "yes"),
        "Beasiswa JKK mensyaratkan masa iur 3 tahun",
        "JKK scholarship requires 3 years of contributions",
    ),
    (
        "JP.BENEFIT_BOUNDS.GAP",
        "jp_bounds_missing",
        ("carry-forward", "reject"),
        "Tahun tanpa angka batas manfaat JP: pakai angka terakhir yang diketahui atau tolak",
        "Years without a JP benefit floor/ceiling: carry the last known figure forward or reject",
    ),
)

CODES_BY_FIELD = {entry[1]: entry[0] for entry in _CATALOGUE}
assert set(CODES_BY_FIELD) == {f.name for f in fields(RuleConfig)}, "every option needs a catalogue entry"


def configurable_rules(config: RuleConfig = DEFAULT_CONFIG) -> list[ConfigurableRule]:
    """Every configurable rule with the option ``config`` chooses and its alternatives."""
    return [
        ConfigurableRule(
            code=code,
            field=name,
            option=_text(getattr(config, name)),
            alternatives=alternatives,
            description_id=text_id,
            description_en=text_en,
        )
        for code, name, alternatives, text_id, text_en in _CATALOGUE
    ]


def option_text(config: RuleConfig, code: str) -> str:
    for name, rule_code in CODES_BY_FIELD.items():
        if rule_code == code:
            return _text(getattr(config, name))
    raise KeyError(code)
