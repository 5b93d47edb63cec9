from decimal import Decimal

import pytest

from jaring.rules.errors import RuleInputError
from jaring.rules.shares import split_line

D = Decimal


def test_even_shares_split_exactly():
    split = split_line([D(16800)] * 2, [D(50), D(50)], 0)
    assert split.parts == (D(8400), D(8400))
    assert split.remainder == 0


def test_uneven_shares_leave_the_rupiah_to_the_stated_sponsor():
    # 16,800 × 33.33% = 5,599.44 each (floor 5,599); 33.34% = 5,601.12 (floor 5,601); line 16,800.
    split = split_line([D(16800)] * 3, [D("33.33"), D("33.33"), D("33.34")], 2)
    assert split.line == D(16800)
    assert split.parts == (D(5599), D(5599), D(5602))
    assert split.remainder == D(1)
    assert sum(split.parts) == split.line


def test_tegal_shares_on_the_jkm_line():
    # BPU JKM Rp6,800: APBD 60% 4,080, DBHCHT 30% 2,040, CSR 10% 680.
    split = split_line([D(6800)] * 3, [D(60), D(30), D(10)], 0)
    assert split.parts == (D(4080), D(2040), D(680))


def test_sponsors_with_different_lines():
    # In the PP 50/2025 window the CSR sponsor's own line is discounted by half: 10% of 4,450, not of 8,900.
    split = split_line([D(8900), D(8900), D(4450)], [D(60), D(30), D(10)], 0)
    assert split.line == D(5340 + 2670 + 445)
    assert split.parts == (D(5340), D(2670), D(445))


@pytest.mark.parametrize("shares", [[D(60), D(30)], [D(100), D(0)], [D(120), D(-20)], []])
def test_shares_must_add_to_100(shares):
    with pytest.raises(RuleInputError) as caught:
        split_line([D(100)] * len(shares), shares, 0)
    assert caught.value.code == "SHARES.NOT_100"
