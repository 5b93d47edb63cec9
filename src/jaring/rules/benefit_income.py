"""Benefits that replace income or return savings: JKP, JP and JHT."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaring.rules.benefit import benefit_wage, multiple_line
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import BenefitInput, require
from jaring.rules.money import HUNDRED, ZERO, format_number, format_rupiah, percent_of, round_rupiah
from jaring.rules.pension import jp_benefit_bounds, jp_cap_record
from jaring.rules.rates.jkp_jht import JKP_FIRST_CLAIMS, JKP_START
from jaring.rules.rates.pu import JKP_FIRST_IURAN_MONTH
from jaring.rules.result import Line
from jaring.rules.table import months_between
from jaring.rules.trace import Trace
from jaring.rules.words import tanggal

TWELVE = Decimal(12)


def _pu_only(inp: BenefitInput, programme: str) -> None:
    if inp.segment != "pu":
        raise RuleInputError(
            "PROGRAM_NOT_AVAILABLE",
            f"Manfaat {programme} hanya untuk Penerima Upah (PU), bukan {inp.segment.upper()}.",
            f"{programme} benefits are for wage earners (PU) only, not {inp.segment.upper()}.",
        )


def accumulate(monthly: Decimal, months: int, yearly_return: Decimal, opening: Decimal = ZERO) -> Decimal:
    """Balance after ``months`` contributions paid at the start of each month, credited monthly at
    ``yearly_return / 12`` (an illustration: BPJS declares the hasil pengembangan yearly)."""
    balance = opening
    growth = 1 + yearly_return / TWELVE
    for _ in range(months):
        balance = (balance + monthly) * growth
    return balance


def _return_rate(inp: BenefitInput, trace: Trace) -> Decimal:
    if inp.return_rate is None:
        trace.warn(
            "RETURN_RATE.ASSUMED_ZERO",
            "Tingkat hasil pengembangan tidak diberikan; dihitung tanpa hasil pengembangan (0%).",
            "No return rate given; the balance is computed without returns (0%).",
        )
        return ZERO
    return inp.return_rate


# ---------------------------------------------------------------- JKP


def jkp_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    _pu_only(inp, "JKP")
    if inp.on < JKP_START:
        from jaring.rules.contribution import jkp_not_in_force

        raise jkp_not_in_force(f"PHK pada {tanggal(inp.on)}", f"a dismissal on {tanggal(inp.on)}")
    wage = benefit_wage(inp, trace)
    cap = trace.use("JKP.WAGE_CAP", inp.on)
    basis = min(wage, cap.value)
    if not _jkp_eligible(inp, trace):
        return []
    months_record = trace.use("JKP.BENEFIT.MONTHS", inp.on)
    months = min(int(months_record.value), 6 if inp.months_off_work is None else inp.months_off_work)
    flat = trace.find("JKP.BENEFIT.FLAT", inp.on)
    if flat is not None:
        steps = [(flat, months)]
    else:
        first = trace.use("JKP.BENEFIT.FIRST", inp.on)
        second = trace.use("JKP.BENEFIT.SECOND", inp.on)
        steps = [(first, min(months, 3)), (second, max(months - 3, 0))]
    capped_id = f" (upah dibatasi {format_rupiah(cap.value)})" if basis < wage else ""
    capped_en = f" (wage capped at {format_rupiah(cap.value)})" if basis < wage else ""
    return [
        multiple_line(
            "JKP",
            "periodic",
            basis,
            record.value / HUNDRED,
            (record.code, cap.code, months_record.code),
            record.citation,
            f"Uang tunai JKP {format_number(record.value)}% upah, {count} bulan{capped_id}",
            f"JKP cash {record.value}% of wage, {count} months{capped_en}",
            months=count,
        )
        for record, count in steps
        if count > 0
    ]


def _jkp_eligible(inp: BenefitInput, trace: Trace) -> bool:
    """PP 37/2021 Pasal 19: 12 contribution months within 24, and consecutive months before the PHK."""
    minimum = trace.use("JKP.ELIGIBILITY.MONTHS", inp.on)
    eligible = True
    # Iuran months from the first (02/2021) up to the month before the dismissal: before 1 Feb 2022
    # nobody could have the 12 months Pasal 19(3) asks for.
    possible = months_between(JKP_FIRST_IURAN_MONTH, inp.on)
    if possible < minimum.value:
        trace.warn(
            "JKP.BEFORE_FIRST_CLAIMS",
            f"Sampai PHK pada {tanggal(inp.on)} masa iur JKP paling banyak {possible} bulan (iuran pertama "
            f"{JKP_FIRST_IURAN_MONTH:%m/%Y}), kurang dari {minimum.value} bulan: klaim uang tunai JKP baru "
            f"dapat diajukan mulai {tanggal(JKP_FIRST_CLAIMS)}.",
            f"Up to the dismissal on {tanggal(inp.on)} the JKP masa iur is at most {possible} months (first "
            f"iuran {JKP_FIRST_IURAN_MONTH:%m/%Y}), under {minimum.value}: JKP cash claims start on "
            f"{tanggal(JKP_FIRST_CLAIMS)}.",
        )
        eligible = False
    if inp.contribution_months is not None and inp.contribution_months < minimum.value:
        eligible = False
    if inp.consecutive_months is not None:
        trace.configured(
            "JKP.ELIGIBILITY.CONSECUTIVE",
            "Syarat bulan iur berturut-turut (6 atau 3) berbeda antar sumber; PP 6/2025 mengubah Pasal 19 "
            "tanpa teks publik.",
            "Sources disagree on the consecutive months (6 or 3); PP 6/2025 amended Pasal 19 without a public text.",
        )
        if inp.consecutive_months < trace.config.jkp_consecutive_months:
            eligible = False
    if inp.contribution_months is None or inp.consecutive_months is None:
        trace.warn(
            "JKP.ELIGIBILITY.UNCHECKED",
            f"Syarat kepesertaan tidak diperiksa sepenuhnya (masa iur paling sedikit {minimum.value} bulan "
            f"dalam 24 bulan dan {trace.config.jkp_consecutive_months} bulan berturut-turut).",
            f"Eligibility not fully checked (at least {minimum.value} contribution months within 24 and "
            f"{trace.config.jkp_consecutive_months} consecutive months).",
        )
    if not eligible:
        trace.warn(
            "JKP.NOT_ELIGIBLE",
            "Tidak memenuhi syarat masa iur JKP (PP 37/2021 Pasal 19): tidak ada manfaat uang tunai.",
            "Does not meet the JKP contribution conditions (PP 37/2021 Pasal 19): no cash benefit.",
        )
    return eligible


# ---------------------------------------------------------------- JP


def jp_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    """PP 45/2015 Pasal 17: 1% × masa iur (years) × average indexed monthly wage, within the yearly
    floor and ceiling; below 15 years, the iuran with returns as a lump sum."""
    _pu_only(inp, "JP")
    require(
        inp.contribution_months,
        "MISSING_CONTRIBUTION_MONTHS",
        "Manfaat JP memerlukan masa iur (bulan).",
        "The JP benefit needs the contribution months (--contribution-months).",
    )
    assert inp.contribution_months is not None
    wage = benefit_wage(inp, trace)
    cap = jp_cap_record(inp.on, trace)
    basis = min(wage, cap.value)
    trace.warn(
        "JP.AVERAGE_WAGE",
        "Upah dianggap rata-rata upah tertimbang sebulan selama masa iur, dibatasi batas atas yang berlaku.",
        "The wage is taken as the average indexed monthly wage over the contribution period, within the cap in force.",
    )
    minimum = trace.use("JP.MIN_MONTHS", inp.on)
    if inp.contribution_months < minimum.value:
        employer = trace.use("PU.JP.EMPLOYER", inp.on)
        worker = trace.use("PU.JP.WORKER", inp.on)
        rate = employer.value + worker.value
        monthly = percent_of(basis, rate)
        balance = accumulate(monthly, inp.contribution_months, _return_rate(inp, trace), inp.balance or ZERO)
        return [
            Line(
                programme="JP",
                component="lump_sum",
                amount=round_rupiah(balance),
                rule_codes=(minimum.code, employer.code, worker.code, cap.code),
                citation="PP 45/2015",
                label_id=f"Masa iur {inp.contribution_months} bulan, kurang dari {minimum.value}: iuran "
                f"{format_number(rate)}% × {format_rupiah(basis)} per bulan beserta hasil pengembangan, sekaligus",
                label_en=f"{inp.contribution_months} contribution months, under {minimum.value}: the {rate}% × "
                f"{format_rupiah(basis)} monthly iuran with returns, as a lump sum",
            )
        ]
    accrual = trace.use("JP.ACCRUAL", inp.on)
    bounds = jp_benefit_bounds(inp.on, trace)
    raw = round_rupiah(percent_of(basis, accrual.value) * inp.contribution_months / TWELVE)
    amount = min(max(raw, bounds.minimum), bounds.maximum)
    bounded_id = "" if amount == raw else f" (dibatasi {format_rupiah(bounds.minimum)}-{format_rupiah(bounds.maximum)})"
    bounded_en = "" if amount == raw else f" (bounded {format_rupiah(bounds.minimum)}-{format_rupiah(bounds.maximum)})"
    return [
        Line(
            programme="JP",
            component="periodic",
            amount=amount,
            basis=basis,
            rate=accrual.value,
            rule_codes=(accrual.code, cap.code, *bounds.rule_codes),
            citation=accrual.citation,
            label_id=f"Manfaat pensiun per bulan: 1% × {inp.contribution_months}/12 × upah{bounded_id}",
            label_en=f"Monthly pension: 1% × {inp.contribution_months}/12 × wage{bounded_en}",
        )
    ]


# ---------------------------------------------------------------- JHT


def jht_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    """The JHT balance from contributions (PU 5.7%, BPU 2% of the basis) and the stated return rate."""
    if inp.segment in ("jakon",):
        raise RuleInputError(
            "PROGRAM_NOT_AVAILABLE",
            "JHT tidak tersedia untuk segmen Jakon.",
            "JHT is not available for segment Jakon.",
        )
    months = inp.contribution_months or 0
    if inp.wage is None and months == 0:
        monthly = ZERO
        codes: tuple[str, ...] = ()
    else:
        wage = benefit_wage(inp, trace)
        if inp.segment == "bpu":
            rate = trace.use("BPU.JHT.RATE", inp.on)
            codes, percent = (rate.code,), rate.value
        elif inp.segment == "pmi":
            raise RuleInputError(
                "PROGRAM_NOT_SUPPORTED",
                "JHT PMI (iuran pilihan Rp 50.000-600.000) tidak dihitung.",
                "PMI JHT (a chosen Rp 50,000-600,000) is not calculated.",
            )
        else:
            employer = trace.use("PU.JHT.EMPLOYER", inp.on)
            worker = trace.use("PU.JHT.WORKER", inp.on)
            codes, percent = (employer.code, worker.code), employer.value + worker.value
        monthly = percent_of(wage, percent)
    balance = accumulate(monthly, months, _return_rate(inp, trace), inp.balance or ZERO)
    share_code = {
        "full": "JHT.PAYOUT.FULL",
        "partial-retirement": "JHT.PARTIAL.RETIREMENT",
        "partial-housing": "JHT.PARTIAL.HOUSING",
    }[inp.jht_reason]
    share = trace.use(share_code, inp.on)
    if inp.jht_reason != "full":
        minimum = trace.use("JHT.PARTIAL.MIN_MONTHS", inp.on)
        codes = (*codes, minimum.code)
        if months < minimum.value:
            trace.warn(
                "JHT.PARTIAL.NOT_ELIGIBLE",
                f"Pencairan sebagian memerlukan kepesertaan paling singkat {minimum.value} bulan.",
                f"A partial payout needs at least {minimum.value} months of membership.",
            )
            return []
    amount = round_rupiah(percent_of(balance, share.value))
    return [
        Line(
            programme="JHT",
            component="lump_sum",
            amount=amount,
            basis=round_rupiah(balance),
            rate=share.value,
            rule_codes=(*codes, share.code),
            citation=share.citation,
            label_id=f"Saldo JHT {months} bulan iuran; dibayar {format_number(share.value)}%",
            label_en=f"JHT balance after {months} contribution months; {share.value}% paid out",
        )
    ]


__all__ = ["accumulate", "date", "jht_lines", "jkp_lines", "jp_lines"]
