"""Walk every rate table: each record is dated, cited, has a status and reads in both languages."""

from __future__ import annotations

import itertools
import re
from dataclasses import fields

import pytest

from jaring.rules.config import RuleConfig, configurable_rules
from jaring.rules.rates import BOOK, FAMILIES
from jaring.rules.table import EPOCH, STATUSES

RECORDS = BOOK.records()


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.code}@{r.effective_from}")
def test_every_record_is_dated_cited_and_described(record):
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)+", record.code)
    assert record.citation.strip()
    assert record.status in STATUSES
    assert record.description_id.strip()
    assert record.description_en.strip()
    assert record.effective_from >= EPOCH
    assert record.effective_to is None or record.effective_to >= record.effective_from
    assert record.value.is_finite()
    assert record.value >= 0
    for url in record.sources:
        assert url.startswith(("http://", "https://")), url


def test_every_family_has_records_and_unique_slugs():
    slugs = [family.slug for family in FAMILIES]
    assert len(slugs) == len(set(slugs))
    for family in FAMILIES:
        assert family.records, family.slug


def test_records_that_the_reference_marks_are_not_all_confirmed():
    statuses = {record.status for record in RECORDS}
    assert statuses == set(STATUSES)


def test_configurable_rules_cover_every_option():
    rules = configurable_rules()
    assert {rule.field for rule in rules} == {f.name for f in fields(RuleConfig)}
    assert len({rule.code for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.option
        assert rule.description_id
        assert rule.description_en
        assert rule.alternatives


def test_versions_of_a_code_do_not_overlap():
    for code in BOOK.codes():
        versions = BOOK.versions(code)
        for earlier, later in itertools.pairwise(versions):
            assert earlier.effective_to is not None
            assert earlier.effective_to < later.effective_from
