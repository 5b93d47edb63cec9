"""How names are compared: a search form (case and punctuation gone) and a spelling key.

The key folds the spelling variants Indonesian registers are full of, so a search for "Muhamad Yusuf"
finds "Mochammad Joesoef": the old Van Ophuijsen/Soewandi spellings (oe, dj, tj, j for y, ch), Arabic
transliterations (kh/h, f/p/v, q/k, z/s), doubled letters, a final h, d/t, b/p and y/i, and o/u. It is a
search and review aid, never an identity: a key match never merges anyone.
"""

from __future__ import annotations

import re

import polars as pl

_NOISE = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")

# Applied in order to one word of a search name.
_SPELLING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"oe", "u"),
        (r"dj", "j"),
        (r"tj", "c"),
        (r"[ck]h", "h"),
        (r"ph", "f"),
        (r"j", "y"),
        (r"[vf]", "p"),
        (r"q", "k"),
        (r"z", "s"),
        (r"x", "ks"),
        (r"ae", "ai"),
        (r"o", "u"),
        (r"(ie|ey)$", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?<=.)h$", ""),
        (r"(?<=.)d$", "t"),
        (r"(?<=.)b$", "p"),
        (r"(?<=.)y$", "i"),
    ]
]


def search_name(name: str) -> str:
    """'Siti  Nur-Aisyah, S.Pd' -> 'siti nur aisyah s pd': the form names are searched and compared in."""
    return _SPACES.sub(" ", _NOISE.sub(" ", name.lower())).strip()


def search_name_expr(expr: pl.Expr) -> pl.Expr:
    """``search_name`` for Polars."""
    lowered = expr.str.to_lowercase()
    return lowered.str.replace_all(_NOISE.pattern, " ").str.replace_all(_SPACES.pattern, " ").str.strip_chars()


def word_key(word: str) -> str:
    """'mochammad' -> 'muhamat', 'joesoef' -> 'yusup': one word's spelling key."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def name_key(search: str) -> str:
    """The spelling keys of a search name's words, in alphabetical order: word order does not matter, and
    names that differ only in it or in spelling share a key."""
    return " ".join(sorted(word_key(word) for word in search.split(" ")))


def name_key_series(search_names: pl.Series) -> pl.Series:
    """``name_key`` for a column. Each distinct name is keyed once and each distinct word of those once by
    ``word_key``, so both forms agree and a million rows cost what their vocabulary costs."""
    names = search_names.fill_null("")
    distinct = names.unique()
    words = distinct.str.split(" ")
    flat = words.explode()
    vocabulary = flat.unique()
    keys = pl.Series([word_key(word) for word in vocabulary], dtype=pl.String)
    parts = pl.DataFrame(
        {
            "name": pl.int_range(distinct.len(), eager=True).repeat_by(words.list.len()).explode(),
            "key": flat.replace_strict(vocabulary, keys, return_dtype=pl.String),
        }
    )
    keyed = parts.group_by("name", maintain_order=True).agg(pl.col("key").sort().str.join(" "))["key"]
    return names.replace_strict(distinct, keyed, return_dtype=pl.String).alias("name_key")
