"""One iuran line split among the sponsors of a programme, exactly.

Sponsors agree shares in percent with two decimals (60%, 33.33%). Each sponsor's part is rounded
down to the rupiah; the rupiah left by rounding goes to one stated sponsor, so the parts always add
up to the line and nobody is billed a fraction. When the sponsors' lines differ (a CSR sponsor in
the PP 50/2025 window gets the discount, the Pemda beside it does not), the line is the sum of each
share of its own line, rounded half-up once, and the rule is the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from jaring.rules.errors import RuleInputError

SHARE_RULE = "SHARE.SPLIT"
WHOLE = Decimal(100)


@dataclass(frozen=True, slots=True)
class ShareSplit:
    line: Decimal  # the whole line, shares together
    parts: tuple[Decimal, ...]  # one per sponsor, in the order given
    remainder: Decimal  # the rupiah the stated sponsor took beyond its rounded-down part
    rule_code: str = SHARE_RULE


def check_shares(shares: Sequence[Decimal]) -> None:
    if not shares or any(s <= 0 or s > WHOLE for s in shares) or sum(shares, Decimal(0)) != WHOLE:
        raise RuleInputError(
            "SHARES.NOT_100",
            "Bagian para sponsor harus lebih dari 0% dan berjumlah tepat 100%.",
            "Sponsor shares must each be above 0% and add up to exactly 100%.",
        )


def split_line(amounts: Sequence[Decimal], shares: Sequence[Decimal], remainder_to: int) -> ShareSplit:
    """``amounts[i]``: the line as sponsor i's funder would pay it alone; ``shares[i]``: its percent;
    ``remainder_to``: the index of the sponsor who takes the rupiah left by rounding."""
    check_shares(shares)
    if len(amounts) != len(shares) or not 0 <= remainder_to < len(shares):
        raise RuleInputError(
            "SHARES.MISMATCH",
            "Jumlah baris dan bagian sponsor tidak sepadan.",
            "Amounts and shares do not match.",
        )
    exact = [a * s / WHOLE for a, s in zip(amounts, shares, strict=True)]
    line = sum(exact, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    parts = [e.quantize(Decimal(1), rounding=ROUND_FLOOR) for e in exact]
    remainder = line - sum(parts, Decimal(0))
    parts[remainder_to] += remainder
    return ShareSplit(line, tuple(parts), remainder)
