"""Contribution (iuran) calculators: one entry point, PU and BPU here, Jakon and PMI beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.contribution_bpu import bpu_basis, bpu_month_lines, bpu_payer
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import ContributionInput, check_count, require, validate_contribution
from jaring.rules.lines import Factor, discount_factor, merge_months, percent_line, pp49_factor
from jaring.rules.money import format_number, format_rupiah
from jaring.rules.rates.jkp_jht import JKP_START
from jaring.rules.rates.pu import JKP_FIRST_IURAN_MONTH, jkk_code
from jaring.rules.result import Line, Result
from jaring.rules.table import add_months, month_start
from jaring.rules.trace import Trace
from jaring.rules.words import tanggal

AVAILABLE = {
    "pu": frozenset({"jkk", "jkm", "jht", "jp", "jkp"}),
    "bpu": frozenset({"jkk", "jkm", "jht"}),
    "jakon": frozenset({"jkk", "jkm"}),
    "pmi": frozenset({"jkk", "jkm", "jht"}),
}
DEFAULTS = {
    "pu": frozenset({"jkk", "jkm", "jht", "jp", "jkp"}),
    "bpu": frozenset({"jkk", "jkm"}),
    "jakon": frozenset({"jkk", "jkm"}),
    "pmi": frozenset({"jkk", "jkm"}),
}
BPU_MONTHS = (1, 3, 6, 12)


def calculate_contribution(inp: ContributionInput, config: RuleConfig = DEFAULT_CONFIG) -> Result:
    """Iuran for one participant (PU, BPU, Jakon wage-known: per month, merged) or one project/contract."""
    validate_contribution(inp)
    trace = Trace(config)
    programs = _programs(inp)
    ignored_inputs(inp, trace)
    if inp.segment == "jakon" and not jakon_wage_known(inp):
        from jaring.rules.construction import jakon_project_lines

        lines = jakon_project_lines(inp, programs, trace)
    elif inp.segment == "pmi":
        from jaring.rules.migrant import pmi_lines

        lines = pmi_lines(inp, programs, trace)
    else:
        per_month: list[Line] = []
        for month in _months(inp):
            per_month.extend(_month_lines(inp, programs, month, trace))
        lines = merge_months(per_month)
    name = "Jakon" if inp.segment == "jakon" else inp.segment.upper()
    title_id = f"Iuran {name} mulai bulan {month_start(inp.on):%m/%Y}"
    title_en = f"{name} iuran from month {month_start(inp.on):%m/%Y}"
    if inp.segment == "pmi" and inp.months:
        title_id = f"Iuran PMI untuk seluruh penempatan {inp.months} bulan, mulai {month_start(inp.on):%m/%Y}"
        title_en = f"PMI iuran for the whole {inp.months}-month placement, from {month_start(inp.on):%m/%Y}"
    return Result(kind="contribution", lines=lines, warnings=trace.warnings(), title_id=title_id, title_en=title_en)


def jakon_wage_known(inp: ContributionInput) -> bool:
    """Jakon on known wages (JKK 1,74% + JKM 0,30% of the wage) or on the contract value's tiers.

    A wage without a contract value is the wage-known form; both at once is refused rather than
    guessed, because the two bases give very different iuran for the same project.
    """
    if inp.wage is not None and inp.contract_value is not None:
        raise RuleInputError(
            "JAKON_BASIS_AMBIGUOUS",
            "Jakon dihitung atas upah (--wage) atau atas nilai kontrak (--contract-value), tidak keduanya: "
            "isi upah bila upah tiap pekerja diketahui, nilai kontrak bila tidak.",
            "Jakon iuran is on the wage (--wage) or on the contract value (--contract-value), not both: give "
            "the wage when each worker's wage is known, the contract value when not.",
        )
    return inp.wage_known or inp.wage is not None


# Inputs each segment reads; a value given for another segment is named in a warning, not dropped silently.
_READS: dict[str, tuple[str, ...]] = {
    "pu": ("wage", "risk_class", "padat_karya", "non_asn"),
    "bpu": ("wage", "income", "sector", "funder", "ad_hoc_election"),
    "jakon": ("wage", "contract_value"),
    "pmi": (),
}
_INPUT_WORDS = {
    "wage": ("upah", "--wage", "wage"),
    "income": ("penghasilan", "--income", "income"),
    "risk_class": ("kelas risiko", "--risk", "risk"),
    "contract_value": ("nilai kontrak", "--contract-value", "contract_value"),
    "padat_karya": ("padat karya", "--padat-karya", "padat_karya"),
    "sector": ("sektor", "--sector", "sector"),
    "funder": ("sumber dana", "--funder", "funder"),
    "non_asn": ("non-ASN", "--non-asn", "non_asn"),
    "ad_hoc_election": ("petugas ad hoc pemilu", "--ad-hoc-election", "ad_hoc_election"),
}
_DEFAULTS: dict[str, object] = {"sector": "other", "funder": "self", "padat_karya": False}


def ignored_inputs(inp: ContributionInput, trace: Trace) -> None:
    """Warn about every given input the segment does not use (``--funder`` on PU, ``--risk`` on BPU)."""
    reads = _READS[inp.segment]
    for name, (word_id, flag, field) in _INPUT_WORDS.items():
        value = getattr(inp, name)
        if name in reads or value is None or value is False or value == _DEFAULTS.get(name):
            continue
        segment = inp.segment.upper()
        trace.warn(
            f"INPUT_IGNORED.{name.upper()}",
            f"Isian {word_id} ({flag}) tidak berlaku untuk segmen {segment} dan tidak dipakai dalam perhitungan.",
            f"The {field} input ({flag}) does not apply to segment {segment} and was not used.",
        )


def _programs(inp: ContributionInput) -> frozenset[str]:
    if not inp.programs:
        return DEFAULTS[inp.segment]
    unavailable = sorted(inp.programs - AVAILABLE[inp.segment])
    if unavailable:
        names = ", ".join(p.upper() for p in unavailable)
        raise RuleInputError(
            "PROGRAM_NOT_AVAILABLE",
            f"Program {names} tidak tersedia untuk segmen {inp.segment.upper()}.",
            f"Programme {names} is not available for segment {inp.segment.upper()}.",
        )
    return inp.programs


def _months(inp: ContributionInput) -> list[date]:
    count = 1 if inp.months is None else inp.months
    if inp.segment == "bpu" and count not in BPU_MONTHS:
        raise RuleInputError(
            "INVALID_MONTHS",
            f"Iuran BPU dibayar 1, 3, 6 atau 12 bulan di muka, bukan {count}.",
            f"BPU iuran is paid 1, 3, 6 or 12 months ahead, not {count}.",
        )
    check_count("months", "Jumlah bulan", count, 1, 12)
    first = month_start(inp.on)
    return [add_months(first, k) for k in range(count)]


def _month_lines(inp: ContributionInput, programs: frozenset[str], month: date, trace: Trace) -> list[Line]:
    if inp.segment == "pu":
        return pu_month_lines(inp, programs, month, trace)
    if inp.segment == "bpu":
        if inp.ad_hoc_election:
            trace.configured(
                "ADHOC.BASIS",
                "Dasar iuran petugas ad hoc pemilu tidak ditemukan dalam regulasi; satu bulan iuran adalah satuan.",
                "The iuran basis of election ad hoc officers was not found; the iuran month is the unit.",
            )
            if trace.config.ad_hoc_basis == "pu-percentage":
                return pu_month_lines(inp, programs & {"jkk", "jkm"}, month, trace, payer=bpu_payer(inp))
        return bpu_month_lines(inp, programs, month, trace)
    from jaring.rules.construction import jakon_wage_lines

    return jakon_wage_lines(inp, programs, month, trace)


# ---------------------------------------------------------------- PU


def pu_month_lines(
    inp: ContributionInput, programs: frozenset[str], month: date, trace: Trace, payer: str | None = None
) -> list[Line]:
    """One iuran month of a wage earner (or, with ``payer``, an ad hoc officer on PU percentages)."""
    wage = inp.wage if inp.wage is not None else inp.income if payer is not None else None
    require(wage, "MISSING_WAGE", "Segmen PU memerlukan upah (--wage).", "Segment PU needs a wage (--wage).")
    assert wage is not None
    employer = payer or "employer"
    funder = inp.funder if payer is not None and inp.funder != "self" else None
    relief = pp49_factor(trace, month)
    lines: list[Line] = []
    if "jkk" in programs:
        record = trace.use(jkk_code(_risk_class(inp, trace, use_default=payer is not None)), month)
        factor = relief
        if inp.padat_karya:
            factor = factor.then(_padat_karya(month, trace))
        lines.append(
            percent_line(
                programme="JKK",
                payer=employer,
                basis=wage,
                rate=factor.apply(record.value),
                codes=(record.code, *factor.codes),
                citation=record.citation,
                label_id=f"Iuran JKK{factor.label_id}",
                label_en=f"JKK iuran{factor.label_en}",
                month=month,
                funder=funder,
            )
        )
    if "jkm" in programs:
        record = trace.use("PU.JKM.RATE", month)
        lines.append(
            percent_line(
                programme="JKM",
                payer=employer,
                basis=wage,
                rate=relief.apply(record.value),
                codes=(record.code, *relief.codes),
                citation=record.citation,
                label_id=f"Iuran JKM{relief.label_id}",
                label_en=f"JKM iuran{relief.label_en}",
                month=month,
                funder=funder,
            )
        )
    if "jht" in programs:
        for code, who, id_, en in (
            ("PU.JHT.EMPLOYER", "employer", "Iuran JHT bagian pemberi kerja", "JHT iuran, employer share"),
            ("PU.JHT.WORKER", "worker", "Iuran JHT bagian pekerja", "JHT iuran, worker share"),
        ):
            record = trace.use(code, month)
            lines.append(
                percent_line(
                    programme="JHT",
                    payer=who,
                    basis=wage,
                    rate=record.value,
                    codes=(code,),
                    citation=record.citation,
                    label_id=id_,
                    label_en=en,
                    month=month,
                )
            )
    if "jp" in programs:
        lines.extend(_jp_lines(wage, month, trace))
    if "jkp" in programs:
        lines.extend(_jkp_lines(inp, wage, month, trace))
    return lines


def _risk_class(inp: ContributionInput, trace: Trace, *, use_default: bool = False) -> str:
    if inp.risk_class is not None:
        return inp.risk_class
    if inp.non_asn or use_default:
        trace.configured(
            "NON_ASN.JKK_CLASS",
            "Kelas risiko JKK untuk pemberi kerja pemerintah tidak ditemukan dalam regulasi.",
            "The JKK risk class for government employers was not found.",
        )
        return trace.config.non_asn_risk_class
    raise RuleInputError(
        "MISSING_RISK_CLASS",
        "Iuran JKK PU memerlukan kelas risiko (--risk sangat-rendah|rendah|sedang|tinggi|sangat-tinggi).",
        "PU JKK needs a risk class (--risk sangat-rendah|rendah|sedang|tinggi|sangat-tinggi).",
    )


def _padat_karya(month: date, trace: Trace) -> Factor:
    record = trace.find("PP7.JKK.DISCOUNT", month)
    if record is None:
        trace.warn(
            "PP7.JKK.DISCOUNT.NOT_IN_FORCE",
            "Diskon JKK padat karya (PP 7/2025, PP 36/2025) hanya untuk iuran Februari 2025 - Januari 2026; "
            "tarif penuh dipakai.",
            "The labour-intensive JKK discount (PP 7/2025, PP 36/2025) covers iuran months February 2025 - "
            "January 2026 only; the full rate is used.",
        )
        return Factor()
    return discount_factor(record.code, record.value, record.citation)


def _jp_lines(wage: Decimal, month: date, trace: Trace) -> list[Line]:
    from jaring.rules.pension import jp_cap_record

    cap = jp_cap_record(month, trace)
    basis = min(wage, cap.value)
    capped = basis < wage
    lines = []
    for code, who, id_, en in (
        ("PU.JP.EMPLOYER", "employer", "Iuran JP bagian pemberi kerja", "JP iuran, employer share"),
        ("PU.JP.WORKER", "worker", "Iuran JP bagian pekerja", "JP iuran, worker share"),
    ):
        record = trace.use(code, month)
        suffix_id = f" (upah dibatasi {format_rupiah(cap.value)})" if capped else ""
        suffix_en = f" (wage capped at {format_rupiah(cap.value)})" if capped else ""
        lines.append(
            percent_line(
                programme="JP",
                payer=who,
                basis=basis,
                rate=record.value,
                codes=(code, cap.code),
                citation=record.citation,
                label_id=id_ + suffix_id,
                label_en=en + suffix_en,
                month=month,
            )
        )
    if trace.find("PP49.JP.DEFERRED", month) is not None:
        trace.warn(
            "PP49.JP.DEFERRED",
            "PP 49/2020: usaha menengah dan besar dapat menunda 99% iuran JP bulan ini; jumlah tetap terutang.",
            "PP 49/2020: medium and large firms may defer 99% of this month's JP iuran; it is still owed.",
        )
    return lines


def _jkp_lines(inp: ContributionInput, wage: Decimal, month: date, trace: Trace) -> list[Line]:
    if month < JKP_FIRST_IURAN_MONTH:
        if inp.programs:
            raise jkp_not_in_force(f"bulan iuran {month:%m/%Y}", f"iuran month {month:%m/%Y}")
        return []
    total = trace.use("PU.JKP.TOTAL", month)
    government = trace.use("PU.JKP.GOVERNMENT", month)
    cap = trace.use("PU.JKP.WAGE_CAP", month)
    recomposed = "0,14% JKK" if total.value < Decimal("0.46") else "0,14% JKK dan 0,10% JKM"
    recomposed_en = "0.14% of JKK" if total.value < Decimal("0.46") else "0.14% of JKK and 0.10% of JKM"
    line = percent_line(
        programme="JKP",
        payer="government",
        basis=min(wage, cap.value),
        rate=government.value,
        codes=(government.code, total.code, cap.code),
        citation=total.citation,
        label_id=f"Iuran JKP {format_number(total.value)}% dibayar pemerintah pusat "
        f"{format_number(government.value)}%; sisanya "
        f"rekomposisi {recomposed} (tanpa biaya tambahan)",
        label_en=f"JKP iuran {total.value}%: central government pays {government.value}%; the rest is "
        f"recomposed from {recomposed_en} (no extra charge)",
        month=month,
    )
    return [replace(line, billed=False)]


def jkp_not_in_force(when_id: str, when_en: str) -> RuleInputError:
    """One refusal for JKP iuran and benefits before PP 37/2021: they share its start date."""
    return RuleInputError(
        "JKP_NOT_IN_FORCE",
        f"JKP belum berlaku untuk {when_id}: PP 37/2021 berlaku sejak diundangkan {tanggal(JKP_START)}; "
        f"bulan iuran JKP pertama {JKP_FIRST_IURAN_MONTH:%m/%Y}.",
        f"JKP is not in force for {when_en}: PP 37/2021 is in force from its promulgation on "
        f"{tanggal(JKP_START)}; the first JKP iuran month is {JKP_FIRST_IURAN_MONTH:%m/%Y}.",
    )


__all__ = ["bpu_basis", "calculate_contribution", "jkp_not_in_force"]
