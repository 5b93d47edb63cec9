"""Import speed against its floor, on SQLite and PostgreSQL (issue 4).

    .venv/bin/python bench/import_workers.py 1000000 [--db sqlite|postgresql|both] [--registry 5000000]

(r) raw floor: read the same CSV with Polars and bulk-insert its rows as they are into a table with only a
    primary key (the raw cost of reading the input and writing it once).
(a) schema floor: read the same CSV with Polars and bulk-insert the same rows, unchecked, by the fastest path
    of the database (COPY on PostgreSQL, one executemany on SQLite) into the same table, with its indexes.
(b) `jaring import`: the real service (read, normalise, validate, resolve villages, dedupe, classify against
    the registry, commit, failure report).
With --registry M, the registry first holds M workers and N new rows are imported into it.
Each phase runs in its own process, so its peak RSS is its own. Goals (issue 8): into an empty registry
(b) <= 3.0 x (r); into a big registry (b) <= 2.0 x (a); peak < 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from common import django_setup as _django  # noqa: E402
from common import fresh_database  # noqa: E402
from common import peak_mb as _peak_mb  # noqa: E402

WORK = ROOT / "var" / "bench"
PG_URL = "postgres://postgres@127.0.0.1:5432/jaring_bench"


def _synthetic(n: int, offset: int = 0):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "bench"))
    import polars as pl
    from import_prepare import synthetic, tegal_regions  # helper-built generator, shared by both benchmarks

    frame = synthetic(n + offset, tegal_regions())
    # Rows past the offset only: with --registry the first `offset` rows are already in the registry, and
    # the generator's in-file repeats of those earlier rows would not be "new rows".
    return frame.filter(pl.col("No") >= offset), pl


def _write_csv(n: int, offset: int, path: Path) -> None:
    frame, _ = _synthetic(n, offset)
    frame.write_csv(path, separator=";")


def _worker_rows(raw, *, village, search_name, income: int | None, source: str):  # type: ignore[no-untyped-def]
    """The CSV's rows in the registry's frame shape (FRAME_SCHEMA), unchecked: only what the table's
    constraints need (unique 16-digit NIK; ``village`` must give a real village)."""
    import polars as pl

    from jaring.registry.bulk import FRAME_SCHEMA

    return (
        raw.unique(subset="NIK", keep="first")
        .filter(pl.col("NIK").str.len_chars() == 16)
        .select(
            pl.col("NIK").alias("nik"),
            pl.col("Nama Lengkap").alias("name"),
            search_name.alias("search_name"),
            pl.col("JK").replace({"L": "M", "P": "F"}).alias("sex"),
            pl.lit("").alias("birth_place"),
            pl.col("Tanggal Lahir").str.to_date("%d/%m/%Y", strict=False).alias("birth_date"),
            pl.col("Alamat").alias("address"),
            village.alias("village_id"),
            pl.lit(None, pl.String).alias("occupation_id"),
            pl.col("Pekerjaan").alias("occupation_text"),
            pl.lit(income, pl.Int64).alias("income"),
            pl.col("No HP").alias("phone"),
            pl.lit(None, pl.Int64).alias("decile"),
            pl.lit(source).alias("source"),
        )
        .cast(FRAME_SCHEMA)
    )


def _villages():  # type: ignore[no-untyped-def]
    import polars as pl

    sys.path.insert(0, str(ROOT / "bench"))
    from import_prepare import tegal_regions

    return tegal_regions().filter(pl.col("level") == 4)["code"]


def _clean_registry_frame(m: int):  # type: ignore[no-untyped-def]
    """M valid workers in the registry's own frame shape, for preloading."""
    frame, pl = _synthetic(m)
    from jaring.registry.names import name_key_series, search_name_expr

    villages = _villages()
    # Spread over Tegal's real villages, as a real registry is (one village would pile every birth date up).
    spread = pl.lit(villages).gather(pl.col("No") % villages.len())
    registry = _worker_rows(
        frame, village=spread, search_name=search_name_expr(pl.col("Nama Lengkap")), income=1_000_000, source="preload"
    )
    return registry.with_columns(name_key_series(registry["search_name"]))


def _insert_unchecked(frame) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction
    from django.utils import timezone

    from jaring.registry.bulk import DATA_COLUMNS, WORKER_TABLE, _as_db_text, copy_rows

    with transaction.atomic():
        copy_rows(WORKER_TABLE, [*DATA_COLUMNS, "created_at", "updated_at"], _as_db_text(frame, timezone.now()))


def phase_floor(path: Path) -> dict[str, float]:
    _django()
    import polars as pl

    started = time.perf_counter()
    raw = pl.read_csv(path, separator=";", infer_schema=False)
    villages = _villages()
    # Rows named by village name get a village spread like the real ones, so the indexes see the same spread
    # of keys as in (b): one village for every row would flatter the floor.
    spread = pl.lit(villages).gather(pl.col("No").cast(pl.Int64) % villages.len())
    village = pl.when(pl.col("Kode Desa").is_in(villages.implode())).then(pl.col("Kode Desa")).otherwise(spread)
    # The same rows, unchecked and unnormalised: the name stands in for the search name and its key.
    frame = _worker_rows(raw, village=village, search_name=pl.col("Nama Lengkap"), income=None, source="floor")
    frame = frame.with_columns(pl.col("search_name").alias("name_key"))
    _insert_unchecked(frame)
    seconds = time.perf_counter() - started
    _delete_source("floor")
    return {"seconds": round(seconds, 2), "peak_mb": round(_peak_mb())}


def phase_raw(path: Path) -> dict[str, float]:
    _django()
    import polars as pl
    from django.db import connection, transaction

    from jaring.registry.bulk import copy_rows

    started = time.perf_counter()
    raw = pl.read_csv(path, separator=";", infer_schema=False)
    columns = [f"c{i}" for i in range(raw.width)]
    raw.columns = columns
    spec = ", ".join(f"{c} text" for c in columns)
    key = "bigserial" if connection.vendor == "postgresql" else "integer"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_raw")
            cursor.execute(f"CREATE TABLE bench_raw (id {key} PRIMARY KEY, {spec})")
        copy_rows("bench_raw", columns, raw)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw")
    return {"seconds": round(seconds, 2), "peak_mb": round(_peak_mb())}


def phase_import(path: Path) -> dict[str, float]:
    _django()
    from jaring.imports.services import import_workers

    started = time.perf_counter()
    summary = import_workers(
        actor=None, path=path, scope_code="33.28", source="bench", report_path=path.with_suffix(".gagal.xlsx")
    )
    seconds = time.perf_counter() - started
    counts = summary.as_json()
    _delete_source("bench")
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(_peak_mb()),
        "created": counts["created"],
        "rejected": counts["rejected"],
        "duplicates_in_file": counts["duplicates_in_file"],
    }


def phase_preload(m: int) -> dict[str, float]:
    _django()
    started = time.perf_counter()
    _insert_unchecked(_clean_registry_frame(m))
    _delete_source("none")  # vacuum, statistics and checkpoint before the measured phases
    from jaring.registry.models import Worker

    return {"seconds": round(time.perf_counter() - started, 2), "workers": Worker.objects.count()}


def _delete_source(source: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM registry_possibleduplicate")
        cursor.execute("DELETE FROM registry_workerchange")
        cursor.execute("DELETE FROM registry_worker WHERE source = %s", [source])
        cursor.execute("DELETE FROM registry_sourcebatch")
    # Deleted rows leave dead tuples and index entries that would slow the next phase down, and pages this
    # phase dirtied would otherwise be written out during the next one.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE registry_worker")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _run(phase: str, arg: str, url: str) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": url, "JARING_ENV": "development"}
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--arg", arg], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _fresh_database(kind: str) -> str:
    return fresh_database(kind, WORK / "bench.sqlite3", PG_URL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=0)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--registry", type=int, default=0, help="workers already in the registry")
    parser.add_argument("--phase", choices=["raw", "floor", "import", "preload"], help="internal: one phase")
    parser.add_argument("--arg", default="", help="internal: the phase's argument")
    args = parser.parse_args()
    if args.phase == "preload":
        print(json.dumps(phase_preload(int(args.arg))))
        return
    if args.phase:
        phases = {"raw": phase_raw, "floor": phase_floor, "import": phase_import}
        print(json.dumps(phases[args.phase](Path(args.arg))))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    csv = WORK / f"workers-{args.n}-after-{args.registry}.csv"
    if not csv.exists():
        # In a child process: Linux keeps a process's peak RSS across fork and exec, so a parent that built
        # the synthetic frame would pass its peak on to every measured phase.
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); "
                f"import import_workers as b; b._write_csv({args.n}, {args.registry}, b.Path({str(csv)!r}))",
            ],
            check=True,
        )
    for kind in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        url = _fresh_database(kind)
        preload = _run("preload", str(args.registry), url) if args.registry else None
        raw = _run("raw", str(csv), url)
        floor = _run("floor", str(csv), url)
        imported = _run("import", str(csv), url)
        print(
            json.dumps(
                {
                    "db": kind,
                    "rows": args.n,
                    "registry": args.registry,
                    "preload": preload,
                    "raw": raw,
                    "floor": floor,
                    "import": imported,
                    "import/raw": round(imported["seconds"] / raw["seconds"], 2),
                    "import/floor": round(imported["seconds"] / floor["seconds"], 2),
                }
            )
        )


if __name__ == "__main__":
    main()
