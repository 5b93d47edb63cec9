"""Reads of the registry for a user: every query is scoped to the user's region by construction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from jaring.accounts.access import NotInScope, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.regions.models import Level, Region
from jaring.registry.models import (
    DuplicateStatus,
    MoveStatus,
    Occupation,
    PossibleDuplicate,
    Worker,
    WorkerMerge,
    WorkerMoveRequest,
)
from jaring.registry.names import search_name, word_key
from jaring.rules.nik import normalize_nik

# A spelling key of one or two letters ("zzz" -> "s") would match nearly everyone.
MIN_KEY_LENGTH = 3


def _in_scope(field: str, scope: str | None) -> Q:
    """``field`` is a path to a Region foreign key; its code is the key, so no join is added."""
    if scope is None:
        return Q()
    if scope.count(".") == 3:
        # A village has no regions below it: equality, which an index answers, instead of a prefix scan.
        return Q(**{f"{field}__code": scope})
    return Q(**{f"{field}__code": scope}) | Q(**{f"{field}__code__startswith": f"{scope}."})


def workers_for(user: Any) -> QuerySet[Worker]:
    """Every worker the user may see: those whose domicile village lies in the user's region."""
    require_capability(user, Cap.WORKERS_VIEW)
    return Worker.objects.filter(_in_scope("village", scope_code(user)))


def access_worker(user: Any, worker_id: int) -> Worker:
    worker = workers_for(user).select_related("village", "occupation", "batch").filter(pk=worker_id).first()
    if worker is None:
        raise NotInScope("Pekerja tidak ditemukan.")
    return worker


def access_merged_worker(user: Any, worker_id: int) -> tuple[Worker, WorkerMerge]:
    """The record a merged-away worker went into, for a user who may see it; anyone else gets the same
    NotInScope as for an unknown id, so an old address reveals nothing across a regional border."""
    merge = WorkerMerge.objects.filter(merged_id=worker_id).first()
    if merge is None:
        raise NotInScope("Pekerja tidak ditemukan.")
    return access_worker(user, merge.kept_id), merge


@dataclass(frozen=True)
class WorkerFilter:
    q: str = ""
    village: str = ""
    district: str = ""
    occupation: str = ""
    segment: str = ""
    source: str = ""


# A page counts at most this many matches ("lebih dari 10.000") and pages no further: counting or
# skipping a million rows would scan them, and nobody reads page 500 of a list; they narrow the search.
MATCH_CAP = 10_000
PER_PAGE = 50
MAX_QUERY_LENGTH = 100
MAX_FILTER_LENGTH = 150  # the longest code or source name (120) with room to spare
MAX_WORDS = 8
# A typed word shorter than this is not looked up in the token index (two letters already narrow it).
MIN_TOKEN_PREFIX = 2


class SearchTooLong(ValueError):
    """The query is longer than any name or NIK; refused before it reaches the database."""


def _word_prefix(field: str, word: str) -> Q:
    """``word`` begins one of the words of ``field`` (words are one space apart)."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


def _after(prefix: str) -> str:
    """The first string past every string that starts with ``prefix`` ([a-z0-9] only)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _name_matches(qs: QuerySet[Worker], words: list[str]) -> tuple[QuerySet[Worker], Q, list[str]]:
    """Every word begins a word of the name as written or, through its spelling key, in another spelling.
    Also returns the prefixes under which registry_worker_token (migration 0003) holds every worker that
    the longest word can match, so the callers can read only those workers; the token index only narrows,
    every word (that one too) is checked against the name itself."""
    as_written = Q()
    for word in words:
        key = word_key(word)
        spelled = _word_prefix("name_key", key) if len(key) >= MIN_KEY_LENGTH else Q(pk__in=[])
        qs = qs.filter(_word_prefix("search_name", word) | spelled)
        as_written &= _word_prefix("search_name", word)
    driver = max(words, key=len)
    if len(driver) < MIN_TOKEN_PREFIX:
        return qs, as_written, []
    key = word_key(driver)
    if len(key) < MIN_KEY_LENGTH or key.startswith(driver):
        return qs, as_written, [driver]
    return qs, as_written, [key] if driver.startswith(key) else [driver, key]


def _token_where(prefixes: list[str]) -> tuple[str, list[str]]:
    sql = " OR ".join(["(registry_worker_token.token >= %s AND registry_worker_token.token < %s)"] * len(prefixes))
    return f"({sql})", [bound for p in prefixes for bound in (p, _after(p))]


def search_words(text: str) -> list[str]:
    """The words a name query is searched by; raises SearchTooLong past MAX_QUERY_LENGTH characters."""
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchTooLong(f"Teks pencarian terlalu panjang (paling banyak {MAX_QUERY_LENGTH} karakter).")
    return search_name(text).split()[:MAX_WORDS]


def is_partial_nik(text: str) -> bool:
    """Digits only but not 16 of them: never searched (a NIK is matched whole, as it is masked in lists)."""
    nik = normalize_nik(text.strip()) if text.strip() else None
    return nik is not None and len(nik) != 16


def workers_search(user: Any, f: WorkerFilter) -> QuerySet[Worker]:
    """Exact NIK when the query is a 16-digit NIK; nothing for a partial NIK (a masked list must not become
    a way to guess the hidden digits); otherwise every word of the name, in any order, begins a word of the
    name as written or in another spelling ("Yusuf" finds "Joesoef"). Names matching as written come first.
    A query with no letter or digit to search by (punctuation, another script) matches nothing."""
    matches = _matches(user, f)
    return _ordered(matches.narrowed(), matches.as_written)


@dataclass(frozen=True)
class _Matches:
    qs: QuerySet[Worker]  # the matches, unordered, without the token index's narrowing
    as_written: Q | None = None  # a name search: the condition of matching as written
    prefixes: tuple[str, ...] = ()  # a name search: the token prefixes that narrow it
    words: tuple[str, ...] = ()  # a name search: its words

    def narrowed(self) -> QuerySet[Worker]:
        if not self.prefixes:
            return self.qs
        where, params = _token_where(list(self.prefixes))
        # Fixed SQL; only the bounds are parameters.
        sql = f"SELECT worker_id FROM registry_worker_token WHERE {where}"  # noqa: S608
        return self.qs.filter(id__in=RawSQL(sql, params))  # noqa: S611


def check_filter(f: WorkerFilter) -> None:
    """Raises SearchTooLong for a filter longer than any code, source name or name."""
    if max(len(f.village), len(f.district), len(f.occupation), len(f.segment), len(f.source)) > MAX_FILTER_LENGTH:
        raise SearchTooLong("Isian penyaring terlalu panjang.")
    if len(f.q) > MAX_QUERY_LENGTH:
        raise SearchTooLong(f"Teks pencarian terlalu panjang (paling banyak {MAX_QUERY_LENGTH} karakter).")


def _matches(user: Any, f: WorkerFilter) -> _Matches:
    # PostgreSQL's driver refuses a NUL byte in a parameter; no name, code or source has one.
    f = WorkerFilter(**{k: getattr(f, k).replace("\x00", "") for k in WorkerFilter.__dataclass_fields__})
    qs = workers_for(user)
    check_filter(f)
    text = f.q.strip()
    as_written: Q | None = None
    prefixes: list[str] = []
    words: list[str] = []
    nik = normalize_nik(text) if text else None
    if nik is not None:
        qs = qs.filter(nik=nik) if len(nik) == 16 else qs.none()
    elif text:
        words = search_words(text)
        if not words:
            return _Matches(qs.none())
        qs, as_written, prefixes = _name_matches(qs, words)
    if f.village:
        # Equality on the village (its index); a code outside the user's scope meets the scope filter and
        # matches nothing, the same answer as a village without workers.
        qs = qs.filter(village_id=f.village)
    if f.district:
        qs = qs.filter(village__code__startswith=f"{f.district}.")
    if f.occupation:
        qs = qs.filter(occupation_id=f.occupation)
    if f.segment:
        qs = qs.filter(occupation__segment=f.segment)
    if f.source.strip():
        qs = qs.filter(_source_matches(f.source))
    return _Matches(qs, as_written, tuple(prefixes), tuple(words))


# Past this many distinct source names the walk stops and the filter falls back to a LIKE on each row.
MAX_SOURCE_NAMES = 2_000

# One index probe per distinct source (a "loose index scan" on worker_source_name): a few hundred probes instead
# of reading every worker. Fixed SQL, the limit is a parameter.
_DISTINCT_SOURCES = """
WITH RECURSIVE s(source, n) AS (
    SELECT MIN(source), 1 FROM registry_worker
    UNION ALL
    SELECT (SELECT MIN(w.source) FROM registry_worker w WHERE w.source > s.source), n + 1
    FROM s WHERE s.source IS NOT NULL AND n <= %s
)
SELECT source FROM s WHERE source IS NOT NULL
"""


def source_names() -> list[str]:
    """The distinct source names of the registry, up to MAX_SOURCE_NAMES + 1 (names only, no worker: the
    filter below applies them to the user's own workers)."""
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_SOURCES, [MAX_SOURCE_NAMES])
        return [row[0] for row in cursor.fetchall()]


def _source_matches(text: str) -> Q:
    """Part of a source name, in any case: the few matching names are found first, then the workers by
    equality (IN). Compared in Python with casefold, so no LIKE wildcard in the text can widen the match."""
    wanted = " ".join(text.split()).casefold()
    names = source_names()
    if len(names) > MAX_SOURCE_NAMES:
        return Q(source__icontains=wanted)  # Django escapes % and _ in the pattern
    return Q(source__in=[name for name in names if wanted in " ".join(name.split()).casefold()])


def villages_for(user: Any, district: str) -> QuerySet[Region]:
    """The villages the list may be narrowed to: a village operator's own village; otherwise the villages
    of ``district`` inside the user's region (none for a district outside it or no district at all)."""
    require_capability(user, Cap.WORKERS_VIEW)
    scope = scope_code(user)
    villages = Region.objects.filter(level=Level.VILLAGE).order_by("name", "code")
    if scope is not None and scope.count(".") == 3:
        return villages.filter(code=scope)
    if not district or len(district) > MAX_FILTER_LENGTH:
        return villages.none()
    return villages.filter(parent_id=district).filter(_in_scope_code(scope))


def villages_in_scope(user: Any) -> QuerySet[Region]:
    """Every village a worker of the user may live in (the form's choices), grouped by district name."""
    require_capability(user, Cap.WORKERS_VIEW)
    scope = scope_code(user)
    villages = Region.objects.filter(level=Level.VILLAGE).select_related("parent")
    if scope is not None and scope.count(".") == 3:
        villages = villages.filter(code=scope)
    elif scope is not None:
        villages = villages.filter(code__startswith=f"{scope}.")
    return villages.order_by("parent__name", "name", "code")


def _in_scope_code(scope: str | None) -> Q:
    return Q() if scope is None else Q(code__startswith=f"{scope}.")


def _ordered(qs: QuerySet[Worker], as_written: Q | None) -> QuerySet[Worker]:
    qs = qs.select_related("village", "occupation")
    if as_written is None:
        return qs.order_by("search_name", "id")
    return qs.annotate(spelling=Case(When(as_written, then=Value(0)), default=Value(1))).order_by(
        "spelling", "search_name", "id"
    )


@dataclass(frozen=True)
class WorkerPage:
    """One page of a search, counted up to MATCH_CAP + 1 and paged up to MATCH_CAP."""

    workers: list[Worker]
    number: int
    count: int
    per_page: int

    @property
    def cap(self) -> int:
        return MATCH_CAP

    @property
    def capped(self) -> bool:
        return self.count > MATCH_CAP

    @property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, MATCH_CAP) // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self) -> Iterator[Worker]:
        return iter(self.workers)


def workers_page(user: Any, f: WorkerFilter, page: str | None, per_page: int | None = None) -> WorkerPage:
    """A page of ``workers_search`` in bounded work: a count that stops at MATCH_CAP + 1, no page past
    MATCH_CAP matches. The plain list is read in index order. A name search takes the ids of its first
    MATCH_CAP + 1 matches in one query and sorts those: with more matches than that it shows a sorted part
    of them, and the page says so and asks to narrow the search."""
    matches = _matches(user, f)
    per_page = per_page or PER_PAGE
    try:
        wanted = int(page or 1)
    except ValueError:
        wanted = 1
    if matches.as_written is None:
        count = matches.qs.order_by().values("id")[: MATCH_CAP + 1].count()
        ordered = _ordered(matches.qs, None)
    else:
        found = _first_matches(user, f, matches)
        count = len(found)
    number = min(max(wanted, 1), max(1, -(-min(count, MATCH_CAP) // per_page)))
    start = (number - 1) * per_page
    end = min(start + per_page, MATCH_CAP)
    if matches.as_written is None:
        return WorkerPage(workers=list(ordered[start:end]), number=number, count=count, per_page=per_page)
    # The order of workers_search, (as written first, search name, id), applied here to the matches'
    # ids and search names: only the page's own rows are then read whole.
    words = matches.words
    ranked = sorted(found[:MATCH_CAP], key=lambda row: (0 if _as_written(row[1], words) else 1, row[1], row[0]))
    page_ids = [worker_id for worker_id, _ in ranked[start:end]]
    by_id = Worker.objects.select_related("village", "occupation").in_bulk(page_ids)
    return WorkerPage(workers=[by_id[i] for i in page_ids if i in by_id], number=number, count=count, per_page=per_page)


def _as_written(name: str, words: tuple[str, ...]) -> bool:
    """Python's form of the as-written condition: every word begins a word of the search name."""
    parts = name.split(" ")
    return all(any(part.startswith(word) for part in parts) for word in words)


# Also no JIT and no parallel workers: compiling or starting them costs more than the early-stopping loop.
_PLANNER_SETTINGS = {
    "enable_hashjoin": "off",
    "enable_mergejoin": "off",
    "enable_bitmapscan": "off",
    "enable_sort": "off",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}


@contextmanager
def _nested_loops() -> Iterator[None]:
    """PostgreSQL would hash every matching token before joining (it cannot know that the join stops
    early); this makes it walk the token index in order with a nested loop, reading only what the page
    needs. Transaction-local, and set back on the way out: nothing else in the request is affected."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(name, value, true) FROM unnest(%s::text[], %s::text[]) AS s(name, value)",
            [list(_PLANNER_SETTINGS), list(_PLANNER_SETTINGS.values())],
        )
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name = ANY(%s::text[])",
                [list(_PLANNER_SETTINGS)],
            )


def _first_matches(user: Any, f: WorkerFilter, matches: _Matches) -> list[tuple[int, str]]:
    """(id, search name) of up to MATCH_CAP + 1 of a name search's matches, read so that the database can
    stop early.
    Within one village the village's index bounds the rows read, and the token index would only add
    work. Otherwise each prefix's tokens are read in index order, each joined to its worker, until
    MATCH_CAP + 1 workers match: never a hash or a sort of every worker named "Siti"."""
    scope = scope_code(user)
    if not matches.prefixes or f.village or (scope is not None and scope.count(".") == 3):
        return list(matches.qs.order_by("id").values_list("id", "search_name")[: MATCH_CAP + 1])
    found: dict[int, str] = {}
    with _nested_loops():
        for prefix in matches.prefixes:
            where, params = _token_where([prefix])
            joined = matches.qs.extra(  # noqa: S610 - fixed SQL, parameters bound
                tables=["registry_worker_token"],
                where=["registry_worker_token.worker_id = registry_worker.id", where],
                params=params,
                order_by=["registry_worker_token.token", "registry_worker_token.worker_id"],
            )
            found.update(joined.values_list("id", "search_name")[: MATCH_CAP + 1])
    return list(found.items())[: MATCH_CAP + 1]


def duplicates_for(user: Any) -> QuerySet[PossibleDuplicate]:
    qs = PossibleDuplicate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "worker", "other", "worker__village", "other__village"
    )
    scope = scope_code(user)
    require_capability(user, Cap.WORKERS_VIEW)
    # Both sides must be visible: a pair across a regional border is reviewed by the wider region.
    return qs.filter(_in_scope("worker__village", scope)).filter(_in_scope("other__village", scope))


def access_duplicate(user: Any, duplicate_id: int) -> PossibleDuplicate:
    duplicate = duplicates_for(user).filter(pk=duplicate_id).first()
    if duplicate is None:
        raise NotInScope("Kemungkinan duplikat tidak ditemukan.")
    return duplicate


def occupations() -> QuerySet[Occupation]:
    return Occupation.objects.all()


def move_requests_incoming(user: Any) -> QuerySet[WorkerMoveRequest]:
    """Requests about workers of the user's region (by the village they lived in when asked)."""
    require_capability(user, Cap.WORKERS_VIEW)
    qs = WorkerMoveRequest.objects.filter(_in_scope("from_region", scope_code(user)))
    return qs.select_related("worker", "from_region", "to_village", "requested_by")


def move_requests_outgoing(user: Any) -> QuerySet[WorkerMoveRequest]:
    """Requests the user's region made. The page shows the requester's own proposal and the decision only:
    nothing of the other region's record (issue 8, finding 1)."""
    require_capability(user, Cap.WORKERS_VIEW)
    qs = WorkerMoveRequest.objects.filter(_in_scope("requested_region", scope_code(user)))
    return qs.select_related("to_village").annotate(nik=F("worker__nik"))


def access_move_request(user: Any, move_id: int) -> WorkerMoveRequest:
    """A pending request the user may decide: its worker lives in the user's region."""
    require_capability(user, Cap.WORKERS_EDIT)
    move = (
        WorkerMoveRequest.objects.filter(status=MoveStatus.PENDING, pk=move_id)
        .filter(_in_scope("worker__village", scope_code(user)))
        .first()
    )
    if move is None:
        raise NotInScope("Permintaan pindah tidak ditemukan.")
    return move
