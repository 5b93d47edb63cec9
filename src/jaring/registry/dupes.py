"""Possible duplicates: different NIK, same birth date and village, very similar name.

Never merged automatically (OpenSID issue 5249: placeholder NIKs merged distinct people); each pair
goes to a review queue.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

import polars as pl
from django.conf import settings
from django.db import connection

from jaring.registry.models import PossibleDuplicate

THRESHOLD = 0.88
# Names whose lengths differ by more cannot reach THRESHOLD in practice ("siti" vs "siti aminah").
MAX_LENGTH_GAP = 4


def _ratio(a: str, b: str) -> float:
    """SequenceMatcher's ratio, or 0.0 when its cheap upper bounds already fall below THRESHOLD."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return 0.0
    return matcher.ratio()


@lru_cache(maxsize=65_536)  # common names meet each other again and again in one village's birth cohort
def name_similarity(a: str, b: str, a_key: str, b_key: str) -> tuple[float, str]:
    """Score and reason for two search names and their spelling keys; 0.0 means not similar enough."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return 1.0, "nama sama"
    if sorted(a.split()) == sorted(b.split()):
        return 0.97, "nama sama, urutan kata berbeda"
    if a_key == b_key:
        return 0.95, "nama sama, ejaan berbeda"
    return max(_ratio(a, b), _ratio(a_key, b_key)), "nama sangat mirip"


def temp_table(prefix: str, spec: str) -> str:
    name = connection.ops.quote_name(f"{prefix}_{uuid.uuid4().hex[:12]}")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({spec})")
    return name


def _batch_cells(worker: str, batch_id: int) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT birth_date, village_id FROM {worker} WHERE batch_id = %s AND birth_date IS NOT NULL", [batch_id]
        )
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"birth_date": pl.Date, "village_id": pl.String}, orient="row")


def _big_blocks(worker: str, batch_id: int, bound: int, cells: pl.DataFrame) -> list[tuple[date, str, str, int]]:
    """Blocks (birth date, village, first letter of the key) touched by the batch whose pairs exceed the bound,
    with how many of the batch's workers each holds. Placeholder birth dates (01/01/1970) and common names
    put thousands of one village's people in one block: 50 MB of one village made millions of pairs
    (issue 8, finding 3).

    Pairs grow quadratically only where the batch itself brings two or more people to one (birth date,
    village) cell; a cell with one new person costs one comparison per person already there. So only those
    cells, counted in Polars from the batch's own rows, are counted in the registry: a few thousand probes
    for a typical file instead of a second pass over every row."""
    suspects = cells.drop_nulls().group_by("birth_date", "village_id").len().filter(pl.col("len") >= 2).drop("len")
    if suspects.height == 0:
        return []
    staged = temp_table(
        "jaring_dupe_cells", "birth_date date, village_id varchar(13), PRIMARY KEY (birth_date, village_id)"
    )
    letter = "substr(w.name_key, 1, 1)"
    sql = (
        f"SELECT w.birth_date, w.village_id, {letter}, sum(CASE WHEN w.batch_id = %s THEN 1 ELSE 0 END) "
        f"FROM {staged} c JOIN {worker} w ON w.birth_date = c.birth_date AND w.village_id = c.village_id "
        f"GROUP BY w.birth_date, w.village_id, {letter} HAVING count(*) * (count(*) - 1) / 2 > %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {staged} VALUES (%s, %s)", list(suspects.iter_rows()))
        cursor.execute(sql, [batch_id, bound])
        blocks = [(d, v, k, int(n)) for d, v, k, n in cursor.fetchall()]
        cursor.execute(f"DROP TABLE {staged}")
    return blocks


def _stage_big_blocks(blocks: list[tuple[date, str, str, int]]) -> str:
    """The big blocks as a keyed temporary table, so the pair query skips them by one index probe a row."""
    name = temp_table(
        "jaring_big_blocks",
        "birth_date date, village_id varchar(13), letter varchar(1), PRIMARY KEY (birth_date, village_id, letter)",
    )
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {name} VALUES (%s, %s, %s)", [b[:3] for b in blocks])
    return name


def find_possible_duplicates(*, batch_id: int, now: datetime, cells: pl.DataFrame | None = None) -> tuple[int, int]:
    """Flags pairs that involve a worker of this batch. Returns (new pairs queued, workers of the batch left
    unchecked because their block holds more than ``JARING_DUPLICATE_MAX_BLOCK_PAIRS`` pairs). ``cells``: the
    batch's (birth_date, village_id) rows when the caller has them (else they are read back)."""
    worker = connection.ops.quote_name("registry_worker")
    bound = int(settings.JARING_DUPLICATE_MAX_BLOCK_PAIRS)
    blocks = _big_blocks(worker, batch_id, bound, _batch_cells(worker, batch_id) if cells is None else cells)
    skipped = sum(b[3] for b in blocks)
    # Blocking: the (birth_date, village) index gives one probe per row of the batch, and only names whose
    # spelling keys (words sorted) share the first letter and a similar length are compared: "Djoko Susilo"
    # and "Susilo Joko" both key to "susilu yuku". Village lists often carry placeholder birth dates
    # (01/01/1970), so without the name block a key could pair hundreds of people with each other; a block
    # that is still too big is skipped whole (and counted) rather than compared quadratically.
    sql = (
        f"SELECT a.id, a.search_name, a.name_key, b.id, b.search_name, b.name_key FROM {worker} a "
        f"JOIN {worker} b ON b.birth_date = a.birth_date AND b.village_id = a.village_id AND b.id <> a.id "
        "AND substr(b.name_key, 1, 1) = substr(a.name_key, 1, 1) "
        "AND abs(length(b.name_key) - length(a.name_key)) <= %s "
        "WHERE a.batch_id = %s AND a.birth_date IS NOT NULL "
        "AND (b.batch_id IS NULL OR b.batch_id <> %s OR a.id < b.id)"
    )
    staged = _stage_big_blocks(blocks) if blocks else None
    if staged:
        sql += (
            f" AND NOT EXISTS (SELECT 1 FROM {staged} g WHERE g.birth_date = a.birth_date "
            "AND g.village_id = a.village_id AND g.letter = substr(a.name_key, 1, 1))"
        )
    pairs: dict[tuple[int, int], PossibleDuplicate] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [MAX_LENGTH_GAP, batch_id, batch_id])
        while candidates := cursor.fetchmany(10_000):
            for a_id, a_name, a_key, b_id, b_name, b_key in candidates:
                score, reason = name_similarity(a_name, b_name, a_key, b_key)
                if score < THRESHOLD:
                    continue
                low, high = sorted((a_id, b_id))
                pairs[(low, high)] = PossibleDuplicate(
                    worker_id=low,
                    other_id=high,
                    score=Decimal(f"{score:.3f}"),
                    reason=f"{reason}; tanggal lahir dan desa sama",
                    created_at=now,
                )
        if staged:
            cursor.execute(f"DROP TABLE {staged}")
    PossibleDuplicate.objects.bulk_create(list(pairs.values()), ignore_conflicts=True)
    # ignore_conflicts hides which rows were new; this call's rows share its timestamp.
    return PossibleDuplicate.objects.filter(created_at=now).count(), skipped
