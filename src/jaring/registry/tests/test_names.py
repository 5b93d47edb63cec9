"""Search names and spelling keys: the scalar and column forms agree, variants meet, others stay apart."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaring.registry.names import name_key, name_key_series, search_name, search_name_expr, word_key


@pytest.mark.parametrize(
    "variants",
    [
        ["muhammad", "mohammad", "muhamad", "mochammad", "mohamad", "muhamat"],
        ["achmad", "ahmad", "ahmat"],
        ["soekarno", "sukarno"],
        ["djoko", "joko"],
        ["yusuf", "jusuf", "yoesoef", "yusup"],
        ["siti", "sitti"],
        ["nur", "noor"],
        ["fatimah", "fatima", "patimah"],
        ["aisyah", "aisjah"],
        ["zainal", "zaenal"],
        ["tjahjo", "cahyo"],
        ["dewi", "dewie"],
        ["hendy", "hendi"],
        ["yakub", "yakup"],
        ["khairul", "chairul", "hairul"],
    ],
)
def test_spelling_variants_share_a_key(variants: list[str]) -> None:
    assert len({word_key(v) for v in variants}) == 1, {v: word_key(v) for v in variants}


@pytest.mark.parametrize(("a", "b"), [("budi", "bayu"), ("siti", "sari"), ("slamet", "selamet"), ("eko", "iko")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert word_key(a) != word_key(b)


def test_name_key_goes_word_by_word_in_alphabetical_order() -> None:
    assert name_key("mochammad joesoef") == "muhamat yusup"
    assert name_key("joesoef mochammad") == "muhamat yusup"
    assert name_key("") == ""


WORDS = st.text(alphabet="abcdehijkmnoqstuvxyz019", min_size=0, max_size=8)
NAMES = st.lists(WORDS, min_size=0, max_size=4).map(" ".join)


@given(st.lists(st.one_of(NAMES, st.none()), max_size=20))
def test_column_form_agrees_with_scalar(names: list[str | None]) -> None:
    series = pl.Series(names, dtype=pl.String)
    assert name_key_series(series).to_list() == [name_key(n or "") for n in names]


@given(st.text(max_size=30))
def test_search_name_column_form_agrees(name: str) -> None:
    frame = pl.DataFrame({"n": [name]})
    assert frame.select(search_name_expr(pl.col("n")))["n"][0] == search_name(name)
