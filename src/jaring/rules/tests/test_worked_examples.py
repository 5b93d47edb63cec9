"""Table-driven: every published worked example, then our own cases. Add a row, not a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from jaring.rules.examples import compute, expected, read_rows

# /work/shared/domain/worked-examples.csv, beside the repository.
PUBLISHED = Path(__file__).resolve().parents[4].parent / "shared" / "domain" / "worked-examples.csv"
OURS = Path(__file__).with_name("rule_cases.csv")


def _rows(path: Path) -> list[dict[str, str]]:
    # A missing file must fail the suite, not skip it: these cases are the acceptance test.
    assert path.is_file(), f"missing {path}"
    return [row for row in read_rows(path) if row["calculation"] != "nik"]


PUBLISHED_ROWS = _rows(PUBLISHED) if PUBLISHED.is_file() else []
OUR_ROWS = _rows(OURS)


def test_published_examples_are_present():
    assert PUBLISHED.is_file(), f"missing {PUBLISHED}"
    assert len(PUBLISHED_ROWS) >= 25


@pytest.mark.parametrize("row", PUBLISHED_ROWS, ids=lambda r: f"{r['case']}:{r['expected_field']}")
def test_published_example(row):
    actual, _ = compute(row)
    assert actual == expected(row), f"{row['case']} {row['expected_field']}: {actual} != {expected(row)}"


@pytest.mark.parametrize("row", OUR_ROWS, ids=lambda r: f"{r['case']}:{r['expected_field']}")
def test_rule_case(row):
    actual, _ = compute(row)
    assert actual == expected(row), f"{row['case']} {row['expected_field']}: {actual} != {expected(row)}"


@pytest.mark.parametrize("row", PUBLISHED_ROWS + OUR_ROWS, ids=lambda r: f"{r['case']}:{r['expected_field']}")
def test_results_explain_themselves(row):
    _, result = compute(row)
    if result is None:
        return
    for lang in ("id", "en"):
        text = result.explain(lang)
        assert "Rp" in text
        for line in result.lines:
            assert line.rule_codes
            assert line.citation
    data = result.as_json()
    assert set(data) >= {"total", "lines", "warnings"}
