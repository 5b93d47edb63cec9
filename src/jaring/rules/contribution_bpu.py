"""BPU iuran: declared income to band basis, JKK 1% and JHT 2% of it, JKM flat, PP 50/2025 discount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import ContributionInput, require
from jaring.rules.lines import Factor, discount_factor, flat_line, percent_line, pp49_factor
from jaring.rules.money import format_rupiah
from jaring.rules.rates.bpu import BAND_PREFIX, MINIMUM_BASIS
from jaring.rules.result import Line
from jaring.rules.trace import Trace

# Funders whose payment is a government budget: their lines are paid by ``government``.
GOVERNMENT_FUNDERS = frozenset({"apbd", "apbn", "apbdes", "dbhcht"})
# PP 50/2025 excludes iuran paid through APBN or APBD; DBHCHT reaches the worker through the APBD.
PP50_EXCLUDED_FUNDERS = frozenset({"apbd", "apbn", "dbhcht"})


def bpu_basis(income: Decimal, on: date, trace: Trace) -> Decimal:
    """The band basis of a declared income (PP 44/2015 Lampiran II; only confirmed rows are stored)."""
    bands = [trace.note(r) for r in trace.book.prefix(BAND_PREFIX, on)]
    for band in bands:
        assert band.lower is not None
        if band.lower <= income and (band.upper is None or income < band.upper):
            return band.value
    if income < MINIMUM_BASIS:
        trace.configured(
            "BPU.BAND.BELOW_MIN",
            # The message names the bound, not the income: rows of one bill share it (vectorised.py).
            f"Penghasilan di bawah dasar minimum {format_rupiah(Decimal(MINIMUM_BASIS))}; aturannya tidak ditemukan.",
            f"Income below the minimum basis of {format_rupiah(Decimal(MINIMUM_BASIS))}; the rule was not found.",
        )
        if trace.config.bpu_below_minimum == "reject":
            raise RuleInputError(
                "INCOME_BELOW_MINIMUM",
                f"Penghasilan BPU paling rendah {format_rupiah(Decimal(MINIMUM_BASIS))}.",
                f"The lowest BPU income is {format_rupiah(Decimal(MINIMUM_BASIS))}.",
            )
        return Decimal(MINIMUM_BASIS)
    trace.configured(
        "BPU.BAND.GAP",
        "Penghasilan jatuh di antara baris tabel Lampiran II yang terkonfirmasi.",
        "The income falls between the confirmed rows of the Lampiran II table.",
    )
    option = trace.config.bpu_band_gap
    if option == "reject":
        raise RuleInputError(
            "INCOME_BETWEEN_BANDS",
            "Tabel penghasilan BPU untuk nilai ini belum terkonfirmasi.",
            "The BPU band for this income is not confirmed.",
        )
    if option == "lower-confirmed":
        return max(b.value for b in bands if b.lower is not None and b.lower <= income)
    return income


def bpu_payer(inp: ContributionInput) -> str:
    return "government" if inp.funder in GOVERNMENT_FUNDERS else "participant"


def _pp50(inp: ContributionInput, month: date, trace: Trace) -> Factor:
    code = "BPU.PP50.TRANSPORT" if inp.sector == "transport" else "BPU.PP50.OTHER"
    record = trace.book.find(code, month)
    if record is None:
        return Factor()
    excluded = inp.funder in PP50_EXCLUDED_FUNDERS
    if inp.funder == "apbdes":
        trace.configured(
            "BPU.PP50.APBDES",
            "PP 50/2025 mengecualikan iuran melalui APBN/APBD; status APBDes tidak disebut.",
            "PP 50/2025 excludes iuran paid through APBN/APBD; APBDes is not mentioned.",
        )
        excluded = trace.config.pp50_apbdes_is_apbd
    if excluded:
        trace.warn(
            "BPU.PP50.EXCLUDED",
            "Diskon 50% PP 50/2025 tidak berlaku karena iuran dibayar melalui APBN/APBD.",
            "The PP 50/2025 50% discount does not apply: the iuran is paid through APBN/APBD.",
        )
        return Factor()
    trace.note(record)
    return discount_factor(record.code, record.value, record.citation)


def bpu_month_lines(inp: ContributionInput, programs: frozenset[str], month: date, trace: Trace) -> list[Line]:
    income = inp.income if inp.income is not None else inp.wage
    require(
        income,
        "MISSING_INCOME",
        "Segmen BPU memerlukan penghasilan (--income).",
        "Segment BPU needs a declared income (--income).",
    )
    assert income is not None
    if not {"jkk", "jkm"} <= programs:
        trace.warn(
            "BPU.BASE_PROGRAMS",
            "JKK dan JKM adalah program dasar wajib BPU; hasil ini tidak mencakup keduanya.",
            "JKK and JKM are the compulsory BPU base; this result does not include both.",
        )
    basis = bpu_basis(income, month, trace)
    payer = bpu_payer(inp)
    funder = None if inp.funder == "self" else inp.funder
    factor = pp49_factor(trace, month).then(_pp50(inp, month, trace))
    lines: list[Line] = []
    if "jkk" in programs:
        record = trace.use("BPU.JKK.RATE", month)
        lines.append(
            percent_line(
                programme="JKK",
                payer=payer,
                basis=basis,
                rate=factor.apply(record.value),
                codes=(record.code, *factor.codes),
                citation=record.citation,
                label_id=f"Iuran JKK BPU{factor.label_id}",
                label_en=f"BPU JKK iuran{factor.label_en}",
                month=month,
                funder=funder,
            )
        )
    if "jkm" in programs:
        record = trace.use("BPU.JKM.FLAT", month)
        lines.append(
            flat_line(
                programme="JKM",
                payer=payer,
                flat=record.value,
                factor=factor.percent,
                codes=(record.code, *factor.codes),
                citation=record.citation,
                label_id=f"Iuran JKM BPU{factor.label_id}",
                label_en=f"BPU JKM iuran{factor.label_en}",
                month=month,
                funder=funder,
            )
        )
    if "jht" in programs:
        # PP 50/2025 and PP 49/2020 discount JKK and JKM only; JHT is paid in full.
        record = trace.use("BPU.JHT.RATE", month)
        lines.append(
            percent_line(
                programme="JHT",
                payer=payer,
                basis=basis,
                rate=record.value,
                codes=(record.code,),
                citation=record.citation,
                label_id="Iuran JHT BPU",
                label_en="BPU JHT iuran",
                month=month,
                funder=funder,
            )
        )
    return lines
