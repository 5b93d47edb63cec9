"""docs/rules/ is generated from the rate tables: fail when the committed pages are stale."""

from __future__ import annotations

from jaring.rules.docs import DOCS_DIR, render_all, stale_pages
from jaring.rules.rates import BOOK


def test_committed_rule_docs_are_current():
    stale = stale_pages()
    assert not stale, f"regenerate with `python -m jaring.rules.docs`: stale {stale} in {DOCS_DIR}"


def test_every_record_appears_in_the_docs():
    text = "".join(render_all().values())
    for code in BOOK.codes():
        assert f"`{code}`" in text
