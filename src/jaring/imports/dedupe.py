"""Duplicates inside one file, and possible duplicates to be reviewed by a person.

Same NIK: the first row is kept and the later ones counted. Different NIK but same birth date, same
village and a very similar name: flagged as a pair, never merged (OpenSID issue 5249: placeholder NIKs
such as "0" merged distinct people; those are rejected before this step and never compared).
"""

from __future__ import annotations

import polars as pl

from .reader import ROW

THRESHOLD = 0.9
SAME_NAME, SAME_WORDS, SIMILAR = "nama sama", "nama sama, urutan kata berbeda", "nama sangat mirip"
_BLOCK = "tanggal lahir dan desa sama"


def first_of_key(key: pl.Expr) -> pl.Expr:
    """True on the first row of each key value, and on every row without a key (never a repeat)."""
    return key.is_first_distinct() | key.is_null()


def dedupe_in_file(df: pl.DataFrame, *, key: str = "nik") -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows kept, later repeats as ``__row``, key, ``kept_row``). A null key is never a repeat."""
    first = df.select(first_of_key(pl.col(key))).to_series()
    kept = df.filter(first)
    repeats = df.filter(~first).select(ROW, key)
    repeats = repeats.join(kept.select(pl.col(ROW).alias("kept_row"), key), on=key, how="left", maintain_order="left")
    return kept, repeats


def search_name_expr(expr: pl.Expr) -> pl.Expr:
    """'Siti  Nur-Aisyah, S.Pd' -> 'siti nur aisyah s pd' (the registry's search form)."""
    return expr.str.to_lowercase().str.replace_all(r"[^a-z0-9 ]+", " ").str.replace_all(r"\s+", " ").str.strip_chars()


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4 characters)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    taken = [False] * len(b)
    matched_a: list[str] = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not taken[j] and b[j] == ch:
                taken[j] = True
                matched_a.append(ch)
                break
    if not matched_a:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if taken[j]]
    m = len(matched_a)
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def possible_duplicates(
    df: pl.DataFrame,
    *,
    key: str = "nik",
    name: str = "name",
    birth_date: str = "birth_date",
    village: str = "village_code",
    threshold: float = THRESHOLD,
) -> pl.DataFrame:
    """Pairs (``left``, ``right`` keys, left < right; ``score``; ``reason``) of rows with different keys, the
    same birth date and village, and names that are equal once spaces and punctuation go, equal up to word
    order, or Jaro-Winkler similar at ``threshold`` or more.

    The join on (birth date, village) keeps the candidate pairs few; only those are scored one by one.
    """
    people = (
        df.select(
            pl.col(key).alias("k"),
            search_name_expr(pl.col(name)).alias("n"),
            pl.col(birth_date).alias("b"),
            pl.col(village).alias("v"),
        )
        .filter(pl.all_horizontal(pl.col("k", "n", "b", "v").is_not_null()))
        .unique("k", keep="first", maintain_order=True)
    )
    pairs = (
        people.join(people, on=["b", "v"], suffix="_r")
        .filter(pl.col("k") < pl.col("k_r"))
        .select(
            pl.col("k").alias("left"),
            pl.col("k_r").alias("right"),
            pl.col("n").str.replace_all(" ", "").alias("a"),
            pl.col("n_r").str.replace_all(" ", "").alias("z"),
            (pl.col("n").str.split(" ").list.sort() == pl.col("n_r").str.split(" ").list.sort()).alias("same_words"),
        )
    )
    scores: list[float] = []
    reasons: list[str] = []
    for a, z, same_words in pairs.select("a", "z", "same_words").iter_rows():
        if a == z:
            score, reason = 1.0, SAME_NAME
        elif same_words:
            score, reason = 0.97, SAME_WORDS
        else:
            score, reason = jaro_winkler(a, z), SIMILAR
        scores.append(round(score, 3))
        reasons.append(f"{reason}; {_BLOCK}")
    scored = pairs.select("left", "right").with_columns(
        pl.Series("score", scores, dtype=pl.Float64), pl.Series("reason", reasons, dtype=pl.String)
    )
    return scored.filter(pl.col("score") >= threshold).sort("left", "right")
