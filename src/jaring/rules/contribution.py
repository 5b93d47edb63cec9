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
from jaring.rules.rates.pu import jkk_code
from jaring.rules.result import Line, Result
from jaring.rules.table import add_months, month_start
from jaring.rules.trace import Trace

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
    if inp.segment == "jakon" and not inp.wage_known:
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
    return Result(
        kind="contribution",
        lines=lines,
        warnings=trace.warnings(),
        title_id=f"Iuran {inp.segment.upper()} mulai bulan {month_start(inp.on):%m/%Y}",
        title_en=f"{inp.segment.upper()} iuran from month {month_start(inp.on):%m/%Y}",
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
    start = trace.config.jkp_iuran_start
    if month < start:
        if inp.programs:
            raise RuleInputError(
                "PROGRAM_NOT_AVAILABLE",
                f"JKP belum berlaku untuk bulan iuran {month:%m/%Y} (mulai {start:%m/%Y}).",
                f"JKP is not in force for iuran month {month:%m/%Y} (from {start:%m/%Y}).",
            )
        return []
    if month < add_months(start, 12):
        trace.configured(
            "PU.JKP.START",
            "Bulan iuran JKP pertama menurut PP 37/2021 tidak ditemukan.",
            "The first JKP iuran month under PP 37/2021 was not found.",
        )
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


__all__ = ["bpu_basis", "calculate_contribution"]
