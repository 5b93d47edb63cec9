"""The public face of the rules engine: import what the CLI, API and web page need from here."""

from __future__ import annotations

from jaring.rules.benefit import calculate_benefit
from jaring.rules.config import DEFAULT_CONFIG, ConfigurableRule, RuleConfig, configurable_rules
from jaring.rules.contribution import calculate_contribution
from jaring.rules.errors import RuleInputError
from jaring.rules.inputs import (
    BENEFIT_KINDS,
    FUNDERS,
    PROGRAMS,
    SECTORS,
    SEGMENTS,
    BenefitInput,
    ContributionInput,
)
from jaring.rules.late import BpuMembership, LateFine, bpu_membership_status, late_payment_fine
from jaring.rules.late_result import LateResult, calculate_late_fine
from jaring.rules.pension import (
    BenefitBounds,
    jp_benefit_bounds,
    jp_benefit_bounds_next,
    jp_wage_cap,
    jp_wage_cap_next,
)
from jaring.rules.rates.pu import RISK_CLASSES
from jaring.rules.result import Line, Result, RuleWarning
from jaring.rules.vectorised import contribution_lines
from jaring.rules.vectorised_warnings import contribution_warnings

__all__ = [
    "BENEFIT_KINDS",
    "DEFAULT_CONFIG",
    "FUNDERS",
    "PROGRAMS",
    "RISK_CLASSES",
    "SECTORS",
    "SEGMENTS",
    "BenefitBounds",
    "BenefitInput",
    "BpuMembership",
    "ConfigurableRule",
    "ContributionInput",
    "LateFine",
    "LateResult",
    "Line",
    "Result",
    "RuleConfig",
    "RuleInputError",
    "RuleWarning",
    "bpu_membership_status",
    "calculate_benefit",
    "calculate_contribution",
    "calculate_late_fine",
    "configurable_rules",
    "contribution_lines",
    "contribution_warnings",
    "jp_benefit_bounds",
    "jp_benefit_bounds_next",
    "jp_wage_cap",
    "jp_wage_cap_next",
    "late_payment_fine",
]
