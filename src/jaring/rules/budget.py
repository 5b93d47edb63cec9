"""How many workers a budget protects: the BPU package's iuran for each month, summed, divided into it.

A Pemda budgets a sum for M months of a package (JKK+JKM, or with JHT) at one declared income. Each
month's iuran comes from the contribution rules (dated rates; the PP 50/2025 discount only where its
funder rule lets it apply), so a budget spanning a rate change is priced month by month. The number of
workers is the whole part of budget / (iuran per worker over the M months): a worker is protected for
all M months or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from jaring.rules.config import DEFAULT_CONFIG, RuleConfig
from jaring.rules.contribution import calculate_contribution
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import FUNDERS, MAX_CONTRACT, ContributionInput, check_choice, check_count, check_date
from jaring.rules.money import ZERO, decimal_string, format_rupiah
from jaring.rules.result import Result, RuleWarning
from jaring.rules.table import add_months, month_start

PACKAGES = {"bpu-basic": frozenset({"jkk", "jkm"}), "bpu-jht": frozenset({"jkk", "jkm", "jht"})}
PACKAGE_ID = {"bpu-basic": "JKK + JKM", "bpu-jht": "JKK + JKM + JHT"}
# The lowest band of the BPU income table (PP 44/2015 Lampiran II): what a Pemda declares for a
# vulnerable worker unless it says otherwise.
DEFAULT_INCOME = Decimal(1_000_000)
DEFAULT_FUNDER = "apbd"
MAX_MONTHS = 60


@dataclass(frozen=True, slots=True)
class BudgetPlan:
    budget: Decimal
    months: int
    package: str
    income: Decimal
    funder: str
    on: date
    # The iuran of one worker in each month, in order, and the results they came from.
    per_worker_months: tuple[Decimal, ...]
    month_results: tuple[Result, ...]
    workers: int

    @property
    def per_worker(self) -> Decimal:
        return sum(self.per_worker_months, ZERO)

    @property
    def monthly_cost(self) -> Decimal:
        """All workers' iuran in the first month (the months differ only across a rate change)."""
        return self.workers * self.per_worker_months[0]

    @property
    def cost(self) -> Decimal:
        return self.workers * self.per_worker

    @property
    def unspent(self) -> Decimal:
        return self.budget - self.cost

    @property
    def warnings(self) -> tuple[RuleWarning, ...]:
        seen: dict[str, RuleWarning] = {}
        for result in self.month_results:
            for warning in result.warnings:
                seen.setdefault(warning.code, warning)
        if len(set(self.per_worker_months)) > 1:
            seen.setdefault(
                "PLAN.RATE_CHANGES",
                RuleWarning(
                    "PLAN.RATE_CHANGES",
                    "Iuran per bulan berubah di dalam periode; biaya bulanan yang ditampilkan adalah bulan pertama.",
                    "The monthly iuran changes within the period; the monthly cost shown is the first month's.",
                ),
            )
        return tuple(seen.values())

    def as_json(self) -> dict[str, object]:
        # Exactly the keys of the interface: other tools read them.
        return {
            "workers": self.workers,
            "months": self.months,
            "monthly_cost": decimal_string(self.monthly_cost),
            "cost": decimal_string(self.cost),
            "unspent": decimal_string(self.unspent),
        }


def month_costs(
    *,
    months: int,
    on: date,
    package: str = "bpu-basic",
    income: Decimal = DEFAULT_INCOME,
    funder: str = DEFAULT_FUNDER,
    segment: str = "bpu",
    wage: Decimal | None = None,
    ad_hoc: bool = False,
    config: RuleConfig = DEFAULT_CONFIG,
) -> tuple[Result, ...]:
    """One worker's iuran for each of ``months`` months from ``on``: BPU at a declared income, ad hoc
    election officers (BPU, their configured basis) or PU staff on a stated wage (non-ASN: JKK + JKM)."""
    first = month_start(on)
    programs = PACKAGES[package] if segment == "bpu" else frozenset({"jkk", "jkm"})
    return tuple(
        calculate_contribution(
            ContributionInput(
                segment=segment,
                on=add_months(first, k),
                income=income if segment == "bpu" else None,
                wage=wage if segment == "pu" else None,
                programs=programs,
                months=1,
                funder=funder,
                ad_hoc_election=ad_hoc,
                non_asn=segment == "pu",
            ),
            config,
        )
        for k in range(months)
    )


def plan_budget(
    *,
    budget: Decimal,
    months: int,
    on: date,
    package: str = "bpu-basic",
    income: Decimal = DEFAULT_INCOME,
    funder: str = DEFAULT_FUNDER,
    config: RuleConfig = DEFAULT_CONFIG,
) -> BudgetPlan:
    check_choice("UNKNOWN_PACKAGE", "Paket", package, tuple(PACKAGES))
    check_choice("UNKNOWN_FUNDER", "Sumber dana", funder, FUNDERS)
    check_count("months", "Jumlah bulan", months, 1, MAX_MONTHS)
    check_date(on)
    if not isinstance(budget, Decimal) or not budget.is_finite() or budget <= 0 or budget > MAX_CONTRACT:
        raise RuleInputError(
            "BUDGET.INVALID",
            f"Anggaran harus lebih dari Rp0 dan paling banyak {format_rupiah(MAX_CONTRACT)}.",
            f"The budget must be more than Rp0 and at most {format_rupiah(MAX_CONTRACT)}.",
        )
    results = month_costs(months=months, on=on, package=package, income=income, funder=funder, config=config)
    per_month = tuple(r.total for r in results)
    per_worker = sum(per_month, ZERO)
    if per_worker <= 0 or budget < per_worker:
        raise RuleInputError(
            "BUDGET.TOO_SMALL",
            f"Anggaran {format_rupiah(budget)} tidak cukup untuk satu pekerja selama {months} bulan "
            f"({format_rupiah(per_worker)}).",
            f"A budget of {format_rupiah(budget)} cannot pay one worker for {months} months "
            f"({format_rupiah(per_worker)}).",
        )
    workers = int((budget / per_worker).to_integral_value(rounding=ROUND_FLOOR))
    return BudgetPlan(
        budget=budget,
        months=months,
        package=package,
        income=income,
        funder=funder,
        on=on,
        per_worker_months=per_month,
        month_results=results,
        workers=workers,
    )
