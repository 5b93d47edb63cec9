"""Possible duplicates: different NIK, same birth date and village, very similar name.

Never merged automatically (OpenSID issue 5249: placeholder NIKs merged distinct people); each pair
goes to a review queue.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

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


def find_possible_duplicates(*, batch_id: int, now: datetime) -> int:
    """Flags pairs that involve a worker of this batch; returns how many new pairs were queued."""
    worker = connection.ops.quote_name("registry_worker")
    # Blocking: the (birth_date, village) index gives one probe per row of the batch, and only names whose
    # spelling keys (words sorted) share the first letter and a similar length are compared: "Djoko Susilo"
    # and "Susilo Joko" both key to "susilu yuku". Village lists often carry placeholder birth dates
    # (01/01/1970), so without the name block a key could pair hundreds of people with each other.
    sql = (
        f"SELECT a.id, a.search_name, a.name_key, b.id, b.search_name, b.name_key FROM {worker} a "
        f"JOIN {worker} b ON b.birth_date = a.birth_date AND b.village_id = a.village_id AND b.id <> a.id "
        "AND substr(b.name_key, 1, 1) = substr(a.name_key, 1, 1) "
        "AND abs(length(b.name_key) - length(a.name_key)) <= %s "
        "WHERE a.batch_id = %s AND a.birth_date IS NOT NULL "
        "AND (b.batch_id IS NULL OR b.batch_id <> %s OR a.id < b.id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MAX_LENGTH_GAP, batch_id, batch_id])
        candidates = cursor.fetchall()
    pairs: dict[tuple[int, int], PossibleDuplicate] = {}
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
    PossibleDuplicate.objects.bulk_create(list(pairs.values()), ignore_conflicts=True)
    # ignore_conflicts hides which rows were new; this call's rows share its timestamp.
    return PossibleDuplicate.objects.filter(created_at=now).count()
