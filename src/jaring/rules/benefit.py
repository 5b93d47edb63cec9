"""Benefit (manfaat) calculators: the entry point, JKM and JKK. JKP, JP and JHT are in benefit_income."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import BenefitInput, require, validate_benefit
from jaring.rules.money import HUNDRED, ZERO, format_number, format_rupiah, round_rupiah
from jaring.rules.rates.benefits import PP82
from jaring.rules.result import Line, Result
from jaring.rules.table import RateRecord
from jaring.rules.trace import Trace
from jaring.rules.words import tanggal

TITLES = {
    "jkm": ("Manfaat JKM (kematian bukan karena kerja)", "JKM benefit (death not caused by work)"),
    "jkk-death": ("Manfaat JKK: meninggal karena kecelakaan kerja", "JKK benefit: death from a work accident"),
    "jkk-stmb": ("Manfaat JKK: santunan sementara tidak mampu bekerja", "JKK benefit: temporary inability to work"),
    "jkk-disability": ("Manfaat JKK: cacat", "JKK benefit: disability"),
    "jkp": ("Manfaat JKP (kehilangan pekerjaan)", "JKP benefit (job loss)"),
    "jp": ("Manfaat Jaminan Pensiun", "Pension (JP) benefit"),
    "jht": ("Saldo dan pencairan JHT", "JHT balance and payout"),
}


def calculate_benefit(inp: BenefitInput, config: RuleConfig = DEFAULT_CONFIG) -> Result:
    """The benefit of one event for one participant, with its components and rules."""
    validate_benefit(inp)
    trace = Trace(config)
    if inp.kind == "jkm":
        lines = jkm_lines(inp, trace)
    elif inp.kind == "jkk-death":
        lines = jkk_death_lines(inp, trace)
    elif inp.kind == "jkk-stmb":
        lines = stmb_lines(inp, trace)
    elif inp.kind == "jkk-disability":
        lines = disability_lines(inp, trace)
    else:
        from jaring.rules import benefit_income

        lines = {"jkp": benefit_income.jkp_lines, "jp": benefit_income.jp_lines, "jht": benefit_income.jht_lines}[
            inp.kind
        ](inp, trace)
    title_id, title_en = TITLES[inp.kind]
    return Result(
        kind="benefit",
        lines=tuple(lines),
        warnings=trace.warnings(),
        title_id=f"{title_id}, {tanggal(inp.on)}",
        title_en=f"{title_en}, {tanggal(inp.on)}",
    )


def benefit_wage(inp: BenefitInput, trace: Trace) -> Decimal:
    """The wage the benefit is a multiple of: for a BPU, the band basis of the declared income."""
    require(
        inp.wage,
        "MISSING_WAGE",
        "Manfaat ini memerlukan upah atau penghasilan (--wage).",
        "This benefit needs the wage or declared income (--wage).",
    )
    assert inp.wage is not None
    if inp.segment == "bpu":
        from jaring.rules.contribution_bpu import bpu_basis

        return bpu_basis(inp.wage, inp.on, trace)
    return inp.wage


def regime_date(on: date, trace: Trace) -> date:
    """The date to read PP 44/2015 or PP 82/2019 figures on, honouring BENEFIT.PP82.EFFECTIVE."""
    if date(2019, 11, 1) <= on <= date(2019, 12, 31):
        trace.configured(
            "BENEFIT.PP82.EFFECTIVE",
            "Tanggal berlaku PP 82/2019 tidak ditemukan; manfaat pada akhir 2019 bergantung padanya.",
            "PP 82/2019's date of effect was not found; benefits in late 2019 depend on it.",
        )
    if on >= trace.config.pp82_effective:
        return max(on, PP82)
    return min(on, PP82 - timedelta(days=1))


def fixed_line(programme: str, component: str, record: RateRecord, label_id: str, label_en: str) -> Line:
    return Line(
        programme=programme,
        component=component,
        amount=record.value,
        flat=record.value,
        rule_codes=(record.code,),
        citation=record.citation,
        label_id=label_id,
        label_en=label_en,
    )


def multiple_line(
    programme: str,
    component: str,
    wage: Decimal,
    multiplier: Decimal,
    codes: tuple[str, ...],
    citation: str,
    label_id: str,
    label_en: str,
    months: int = 1,
) -> Line:
    """``multiplier × wage`` (× months), rounded half-up to the rupiah once per month."""
    amount = round_rupiah(wage * multiplier) * months
    return Line(
        programme=programme,
        component=component,
        amount=amount,
        basis=wage,
        rate=multiplier if months == 1 and multiplier >= 1 else multiplier * HUNDRED,
        rate_unit="×" if months == 1 and multiplier >= 1 else "%",
        months=months,
        rule_codes=codes,
        citation=citation,
        label_id=label_id,
        label_en=label_en,
    )


# ---------------------------------------------------------------- JKM


def jkm_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    on = regime_date(inp.on, trace)
    early = trace.book.find("JKM.BPU_EARLY.MIN_MONTHS", inp.on)
    months = inp.contribution_months
    if inp.segment == "bpu" and early is not None and months is None:
        trace.warn(
            "JKM.BPU_EARLY.UNCHECKED",
            f"Masa iur tidak diberikan: aturan kepesertaan BPU kurang dari {early.value} bulan "
            f"(seluruhnya {format_rupiah(trace.use('JKM.BPU_EARLY.TOTAL', inp.on).value)}) tidak diperiksa; "
            "isi lama iuran (bulan) untuk memeriksanya.",
            f"Contribution months not given: the rule for a BPU member of less than {early.value} months "
            f"({format_rupiah(trace.use('JKM.BPU_EARLY.TOTAL', inp.on).value)} in total) was not checked; "
            "give the contribution months to check it.",
        )
    if inp.segment == "bpu" and early is not None and months is not None and months < early.value:
        trace.note(early)
        total = trace.use("JKM.BPU_EARLY.TOTAL", inp.on)
        trace.configured(
            "JKM.BPU_EARLY.SPLIT",
            "Pembagian Rp 10 juta antara santunan dan biaya pemakaman berbeda antar sumber.",
            "Sources disagree on how the Rp 10 juta splits between death benefit and funeral costs.",
        )
        component = "funeral" if trace.config.jkm_bpu_early_split == "funeral" else "lump_sum"
        return [
            Line(
                programme="JKM",
                component=component,
                amount=total.value,
                flat=total.value,
                rule_codes=(total.code, early.code),
                citation=total.citation,
                label_id=f"JKM BPU dengan kepesertaan kurang dari {early.value} bulan",
                label_en=f"JKM of a BPU member for less than {early.value} months",
            )
        ]
    lines = [
        fixed_line("JKM", "lump_sum", trace.use("JKM.DEATH", on), "Santunan kematian", "Death benefit"),
        fixed_line("JKM", "periodic", trace.use("JKM.PERIODIC", on), "Santunan berkala", "Periodic benefit"),
        fixed_line("JKM", "funeral", trace.use("JKM.FUNERAL", on), "Biaya pemakaman", "Funeral costs"),
    ]
    lines.extend(scholarship_lines("JKM", inp, on, trace, needs_three_years=True))
    return lines


def scholarship_lines(
    programme: str, inp: BenefitInput, on: date, trace: Trace, *, needs_three_years: bool
) -> list[Line]:
    """PP 82/2019: beasiswa for at most 2 children, per school level; reported as a maximum."""
    if inp.children <= 0:
        return []
    per_child = trace.find("JKM.SCHOLARSHIP.PER_CHILD_MAX", on)
    if per_child is None:
        trace.warn(
            "SCHOLARSHIP.PRE_PP82",
            "Beasiswa sebelum PP 82/2019 tidak dimodelkan (tidak ada dalam referensi).",
            "Scholarships before PP 82/2019 are not modelled (not in the reference).",
        )
        return []
    minimum = trace.use("JKM.SCHOLARSHIP.MIN_MONTHS", on)
    if needs_three_years:
        if inp.contribution_months is None:
            trace.warn(
                "SCHOLARSHIP.CONDITION_UNCHECKED",
                f"Masa iur tidak diberikan; beasiswa mensyaratkan paling sedikit {minimum.value} bulan.",
                f"Contribution months not given; the scholarship needs at least {minimum.value} months.",
            )
        elif inp.contribution_months < minimum.value:
            return []
    max_children = trace.use("JKM.SCHOLARSHIP.MAX_CHILDREN", on)
    cap = trace.use("JKM.SCHOLARSHIP.TOTAL_MAX", on)
    children = min(Decimal(inp.children), max_children.value)
    amount = min(children * per_child.value, cap.value)
    return [
        Line(
            programme=programme,
            component="scholarship_max",
            amount=amount,
            basis=per_child.value,
            rate=children,
            rate_unit="×",
            rule_codes=(per_child.code, max_children.code, cap.code, minimum.code),
            citation=cap.citation,
            label_id=f"Beasiswa paling banyak untuk {children} anak (TK sampai perguruan tinggi, dibayar per tahun)",
            label_en=f"Scholarship at most, for {children} children (kindergarten to university, paid yearly)",
        )
    ]


# ---------------------------------------------------------------- JKK


def jkk_death_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    wage = benefit_wage(inp, trace)
    on = regime_date(inp.on, trace)
    multiplier = trace.use("JKK.DEATH.MULTIPLIER", on)
    floor = trace.use("JKM.DEATH", on)
    lump = multiple_line(
        "JKK",
        "lump_sum",
        wage,
        multiplier.value,
        (multiplier.code,),
        multiplier.citation,
        "Santunan kematian (60% × 80 × upah)",
        "Death benefit (60% × 80 × wage)",
    )
    if lump.amount < floor.value:
        lump = Line(
            programme="JKK",
            component="lump_sum",
            amount=floor.value,
            flat=floor.value,
            rule_codes=(multiplier.code, floor.code),
            citation=multiplier.citation,
            label_id="Santunan kematian: paling sedikit santunan kematian JKM",
            label_en="Death benefit: at least the JKM death benefit",
        )
    lines = [
        lump,
        fixed_line("JKK", "periodic", trace.use("JKK.DEATH.PERIODIC", on), "Santunan berkala", "Periodic benefit"),
        fixed_line("JKK", "funeral", trace.use("JKK.DEATH.FUNERAL", on), "Biaya pemakaman", "Funeral costs"),
    ]
    if inp.children > 0:
        trace.configured(
            "JKK.SCHOLARSHIP.MIN_MONTHS",
            "Syarat masa iur 3 tahun disebut untuk beasiswa JKM; sumber tentang JKK tidak menyebutnya.",
            "The 3-year condition is stated for the JKM scholarship; sources on JKK name none.",
        )
    lines.extend(scholarship_lines("JKK", inp, on, trace, needs_three_years=trace.config.jkk_scholarship_needs_3_years))
    return lines


def stmb_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    """STMB: 100% of wage for the first 12 months (6 before PP 82/2019), then 50% until recovery."""
    require(
        inp.months_off_work,
        "MISSING_MONTHS_OFF_WORK",
        "STMB memerlukan jumlah bulan tidak mampu bekerja.",
        "STMB needs the number of months off work (--months-off-work).",
    )
    assert inp.months_off_work is not None
    wage = benefit_wage(inp, trace)
    on = regime_date(inp.on, trace)
    full = trace.use("JKK.STMB.FULL_MONTHS", on)
    reduced = trace.use("JKK.STMB.REDUCED", on)
    middle = trace.find("JKK.STMB.MIDDLE", on)
    steps: list[tuple[RateRecord, Decimal, int]] = []
    remaining = inp.months_off_work
    first = min(remaining, int(full.value))
    steps.append((full, HUNDRED, first))
    remaining -= first
    if middle is not None:
        # Before PP 82/2019: months 7-12 at 75% (PP 44/2015 Lampiran; not in the reference: unconfirmed).
        second = min(remaining, 12 - int(full.value))
        steps.append((middle, middle.value, second))
        remaining -= second
    steps.append((reduced, reduced.value, remaining))
    return [
        multiple_line(
            "JKK",
            "periodic",
            wage,
            percent / HUNDRED,
            (record.code,),
            record.citation,
            f"STMB {format_number(percent)}% upah, {months} bulan",
            f"STMB {percent}% of wage, {months} months",
            months=months,
        )
        for record, percent, months in steps
        if months > 0
    ]


def disability_lines(inp: BenefitInput, trace: Trace) -> list[Line]:
    wage = benefit_wage(inp, trace)
    on = regime_date(inp.on, trace)
    factor = trace.use("JKK.DISABILITY.FACTOR", on)
    if inp.total_disability:
        total = trace.use("JKK.DISABILITY.TOTAL", on)
        return [
            multiple_line(
                "JKK",
                "lump_sum",
                wage,
                total.value * factor.value / HUNDRED,
                (total.code, factor.code),
                total.citation,
                "Cacat total tetap: 70% × 80 × upah",
                "Total permanent disability: 70% × 80 × wage",
            ),
            fixed_line(
                "JKK", "periodic", trace.use("JKK.DISABILITY.PERIODIC", on), "Santunan berkala", "Periodic benefit"
            ),
        ]
    if inp.disability_percent is None:
        raise RuleInputError(
            "MISSING_DISABILITY_PERCENT",
            "Cacat sebagian memerlukan persentase tabel (--disability-percent) atau --total.",
            "A partial disability needs the table percentage (--disability-percent) or --total.",
        )
    percent = inp.disability_percent
    label_id = f"Cacat sebagian: {format_number(percent)}% × 80 × upah"
    label_en = f"Partial disability: {percent}% × 80 × wage"
    if inp.function_loss_percent is not None:
        # Functional loss: % reduction in function × table % × 80 × wage (PP 44/2015 Lampiran III).
        percent = percent * inp.function_loss_percent / HUNDRED
        label_id += f" × {format_number(inp.function_loss_percent)}% kehilangan fungsi"
        label_en += f" × {inp.function_loss_percent}% loss of function"
    multiplier = percent * factor.value / HUNDRED
    return [multiple_line("JKK", "lump_sum", wage, multiplier, (factor.code,), factor.citation, label_id, label_en)]


__all__ = ["ZERO", "calculate_benefit"]
