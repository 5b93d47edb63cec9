"""Reading CSV and spreadsheet files into an all-text frame without losing what the cells held.

Every cell arrives as text: a number as its shortest exact decimal (a NIK typed as a number stays
"3328015203900001"), a date cell as "1990-08-17 00:00:00", an Excel serial date as "32000". For the NIK
column of a spreadsheet the cell type is read too, so that normalise can tell a number (whose last digit
Excel may have rounded) from text.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from .headers import FileRejected, HeaderMap, find_header, require_columns

Require = Callable[[HeaderMap], None] | None
# Finds the header row among the first rows: (its index, the columns it maps). A file kind with other
# headers than a worker list's (BPJS's active participant list has no Nama) brings its own.
FindHeader = Callable[[list[list[str | None]]], tuple[int, HeaderMap]]

ROW = "__row"
NIK_NUMBER = "__nik_number"
HEADER_SCAN_ROWS = 20
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_DELIMITERS = (";", ",", "\t", "|")
SAMPLE_BYTES = 256 * 1024
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".ods")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may hold (issue 8, finding 3); None: no limit. ``max_rows`` counts data rows,
    ``max_unpacked_bytes`` the declared uncompressed size of a spreadsheet's zip members."""

    max_rows: int | None = None
    max_unpacked_bytes: int | None = None


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _too_many_rows(limit: int) -> FileRejected:
    return FileRejected(
        "FILE.TOO_MANY_ROWS",
        f"Berkas berisi lebih dari {_number(limit)} baris data, batas satu impor. Pecah daftar menjadi "
        "beberapa berkas lalu impor satu per satu.",
    )


UPLOAD_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")


def format_refusal(suffix: str) -> str:
    """What to do with a file of another kind: the page, the API and the command line say the same."""
    return (
        f"Jenis berkas {suffix or '(tanpa ekstensi)'} tidak dapat diimpor. Buka berkasnya di Excel atau LibreOffice, "
        "simpan sebagai .xlsx, .xls, .ods atau .csv, lalu unggah berkas itu."
    )


CSV_UNREADABLE = (
    'Berkas CSV tidak dapat dibaca: ada tanda kutip (") yang tidak ditutup atau sel yang rusak. '
    "Buka di Excel lalu simpan ulang sebagai CSV (UTF-8)."
)


@dataclass(frozen=True, slots=True)
class RawTable:
    """``frame``: the data rows, one String column per original header (``columns``), plus ``__row`` (the
    1-based row number in the file) and, for spreadsheets, ``__nik_number`` (Float64, set where the NIK cell
    was a number). Fully blank rows are already gone."""

    frame: pl.DataFrame
    columns: tuple[str, ...]
    mapping: HeaderMap
    header_row: int
    sheet: str | None
    blank_rows: int
    # Trailing rows with neither a NIK nor a birth date: a signature block or totals under the table.
    footer_rows: int = 0


def _footer(data: pl.DataFrame, names: list[str], mapping: HeaderMap) -> int:
    """How many rows at the end carry no digit in the NIK and birth-date cells ("Mengetahui", "Kepala Desa
    …", a name under a signature line, "Jumlah 120"): village forms end with them, and counted as rejected
    NIK.EMPTY rows they hid the real problems (issue 9). Only at the end: a blank NIK between data rows stays
    a rejection, and a file with no NIK or birth date anywhere has no footer to tell apart."""
    cells = [names[mapping.fields[f]] for f in ("nik", "birth_date") if f in mapping.fields]
    if data.height == 0 or not cells:
        return 0
    data_like = data.select(pl.any_horizontal(pl.col(c).str.contains(r"\d").fill_null(False) for c in cells))
    last = data_like.to_series().arg_true()
    return 0 if last.len() == 0 else data.height - 1 - int(last.max())  # type: ignore[arg-type]


def _unique_names(cells: list[str | None]) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(cells):
        base = (cell or "").strip() or f"Kolom {i + 1}"
        name, n = base, 1
        while name in seen or name.startswith("__"):
            n += 1
            name = f"{base} ({n})"
        seen.add(name)
        names.append(name)
    return names


def _finish(
    data: pl.DataFrame, header: list[str | None], mapping: HeaderMap, header_row: int, sheet: str | None
) -> RawTable:
    names = _unique_names(header)
    extra = [c for c in data.columns if c == NIK_NUMBER]
    width = len(names)
    data = data.select(data.columns[:width] + extra) if data.width - len(extra) > width else data
    plain = [c for c in data.columns if c != NIK_NUMBER]
    data = data.rename(dict(zip(plain, names[: len(plain)], strict=True)))
    for name in names[len(plain) :]:
        data = data.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    data = data.with_columns(pl.col(names).cast(pl.String)).with_row_index(ROW, offset=header_row + 1)
    data = data.with_columns(pl.col(ROW).cast(pl.Int64))
    # Row-number columns ("No" prefilled 1..100 in village forms) do not make a row worth reporting.
    meaningful = [names[i] for i in sorted(mapping.fields.values())] + [
        n for n, cell in zip(names, header, strict=True) if cell and cell.strip() in mapping.unknown
    ]
    blank = data.select(pl.all_horizontal(pl.col(c).str.strip_chars().fill_null("") == "" for c in meaningful))
    kept = data.filter(~blank.to_series()) if blank.to_series().any() else data
    footer = _footer(kept, names, mapping)
    body = kept.head(kept.height - footer) if footer else kept
    return RawTable(
        frame=body.select([ROW, *names, *extra]),
        columns=tuple(names),
        mapping=mapping,
        header_row=header_row,
        sheet=sheet,
        blank_rows=data.height - kept.height,
        footer_rows=footer,
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the start reads as UTF-16 without a BOM: table text is mostly Latin
    letters, digits and delimiters, so every other byte is NUL (issue 8, finding 11: such a file was read as
    Windows-1252 and every NIK failed "NIK hanya boleh berisi angka")."""
    sample = head[:8192]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= 0.6 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def detect_encoding(head: bytes) -> str:
    """The encoding of a CSV file from its first bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (with or
    without BOM), else Windows-1252 (the encodings Excel's "Save as CSV" and village PCs produce)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if guess := _utf16_without_bom(head):
        return guess
    try:
        # The sample may end inside a multi-byte character: drop that partial line first.
        head[: head.rfind(b"\n") + 1 or len(head)].decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _transcode(data: bytes, encoding: str = "cp1252") -> bytes:
    """UTF-8 from another encoding; bytes Windows-1252 leaves undefined are read as Latin-1."""
    if encoding.startswith("utf-16"):
        return data.decode(encoding, errors="replace").lstrip("\ufeff").encode()
    try:
        return data.decode("cp1252").encode()
    except UnicodeDecodeError:
        return data.decode("latin-1").encode()  # cp1252 leaves five bytes undefined; latin-1 maps all


def _sample_text(head: bytes, encoding: str) -> str:
    """The decoded start of a CSV file."""
    if encoding == "utf-8-sig":
        head = head[len(codecs.BOM_UTF8) :]
    if encoding.startswith("utf-16"):
        return head.decode(encoding, errors="replace").lstrip("\ufeff")
    if encoding.startswith("utf-8"):
        return head[: head.rfind(b"\n") + 1 or len(head)].decode("utf-8")
    return _transcode(head, encoding).decode()


def _count_lines(path: Path) -> int:
    """Physical lines, counted without parsing: a row limit is checked before the file is read."""
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def _find_csv_header(
    sample: str, header: FindHeader = find_header
) -> tuple[int, str, int, list[str | None], HeaderMap]:
    """(record index, delimiter, physical lines up to the header's end, header cells, mapping)."""
    best: tuple[int, str, int, list[str | None], HeaderMap] | None = None
    failure: FileRejected | None = None
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
        records: list[list[str | None]] = []
        lines_after: list[int] = []
        try:
            for record in reader:
                records.append(list(record))
                lines_after.append(reader.line_num)
                if len(records) == HEADER_SCAN_ROWS:
                    break
        except csv.Error:
            continue
        try:
            index, mapping = header(records)
        except FileRejected as exc:
            if exc.code == "FILE.EMPTY":
                raise  # blank under one delimiter: nothing but delimiters and spaces under any other
            failure = exc
            continue
        if best is None or mapping.score > best[4].score:
            best = (index, delimiter, lines_after[index], records[index], mapping)
    if best is None:
        raise failure or FileRejected("FILE.EMPTY", "Berkas kosong.")
    return best


def _read_csv(path: Path, limits: Limits, require: Require, header: FindHeader = find_header) -> RawTable:
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    encoding = detect_encoding(head)
    utf8 = encoding.startswith("utf-8")
    sample = _sample_text(head, encoding)
    if len(head) == SAMPLE_BYTES and "\n" not in sample and "\r" not in sample:
        # Without this, a 20 MB line with no newline was reported as "Berkas kosong" (issue 8, finding 11).
        raise FileRejected(
            "FILE.LINE_TOO_LONG",
            f"Baris pertama berkas lebih panjang dari {SAMPLE_BYTES // 1024} KB tanpa pindah baris, jadi berkas ini "
            "bukan tabel yang dapat dibaca. Buka di Excel lalu simpan sebagai .xlsx atau CSV, satu pekerja per baris.",
        )
    if limits.max_rows is not None and _count_lines(path) > limits.max_rows + HEADER_SCAN_ROWS:
        raise _too_many_rows(limits.max_rows)
    index, delimiter, header_lines, cells, mapping = _find_csv_header(sample, header)
    if require is not None:
        require(mapping)

    def load(source: Path | io.BytesIO) -> pl.DataFrame:
        return pl.read_csv(
            source,
            separator=delimiter,
            has_header=True,
            skip_lines=header_lines - 1,
            infer_schema=False,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )

    if utf8:
        try:
            frame = load(path)  # read in place: no copy of a large file in Python
        except pl.exceptions.ComputeError:
            data = path.read_bytes()  # invalid UTF-8 further down than the sample
            # An all-ASCII start says nothing about the encoding, and Windows-1252 is then the likely one; after
            # real UTF-8 text, a bad byte is damage and only that byte is replaced.
            fixed = _transcode(data) if sample.isascii() else data.decode("utf-8", errors="replace").encode()
            frame = load(io.BytesIO(fixed))
    else:
        frame = load(io.BytesIO(_transcode(path.read_bytes(), encoding)))
    return _finish(frame, cells, mapping, header_row=index + 1, sheet=None)


def _check_unpacked_size(path: Path, limit: int | None) -> None:
    """Refuses a spreadsheet whose zip members declare more than ``limit`` bytes, before anything is
    decompressed: a 6 MB .xlsx that unpacked to 1.5 GB took 6.2 GB of memory (issue 8, finding 3)."""
    if limit is None or path.suffix.lower() not in ZIP_SUFFIXES:
        return
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip after all: the spreadsheet reader refuses it with its own message
    if declared > limit:
        raise FileRejected(
            "FILE.TOO_LARGE_UNPACKED",
            f"Lembar kerja ini berukuran {_number(declared // (1024 * 1024))} MB setelah diurai, melebihi batas "
            f"{_number(limit // (1024 * 1024))} MB. Hapus lembar dan kolom yang tidak perlu, pecah daftar menjadi "
            "beberapa berkas, atau simpan sebagai CSV.",
        )


def _read_spreadsheet(path: Path, limits: Limits, require: Require, header: FindHeader = find_header) -> RawTable:
    _check_unpacked_size(path, limits.max_unpacked_bytes)
    try:
        return _load_spreadsheet(path, require, header)
    except fastexcel.FastExcelError as exc:
        raise FileRejected(
            "FILE.UNREADABLE",
            "Berkas tidak dapat dibaca sebagai lembar kerja: mungkin rusak, berkata sandi, atau isinya bukan "
            f"{path.suffix.lower()} yang sebenarnya. Buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx.",
        ) from exc


def _load_spreadsheet(path: Path, require: Require, header: FindHeader = find_header) -> RawTable:
    workbook = fastexcel.read_excel(str(path))
    failure: FileRejected | None = None
    # Each load parses the whole sheet, even for 20 rows: the first sheet with a header row is the data, and
    # it is loaded once. skip_rows=0 (not None) keeps leading empty rows, so positions are real sheet rows.
    for sheet_index, name in enumerate(workbook.sheet_names):
        sheet = workbook.load_sheet(sheet_index, header_row=None, skip_rows=0, dtypes="string").to_polars()
        rows = [list(r) for r in sheet.head(HEADER_SCAN_ROWS).rows()]
        try:
            index, mapping = header(rows)
        except FileRejected as exc:
            failure = exc if failure is None or failure.code == "FILE.EMPTY" else failure
            continue
        if require is not None:
            require(mapping)
        frame = sheet.slice(index + 1)
        nik_col = mapping.fields["nik"]
        # Read as booleans, a numeric cell comes out set and a text cell null, even "3328…" typed as text
        # (a float read would parse that text too): this is how a number is told from text.
        kinds = workbook.load_sheet(
            sheet_index, header_row=None, skip_rows=index + 1, use_columns=[nik_col], dtypes="boolean"
        ).to_polars()
        numeric = kinds.to_series().is_not_null().head(frame.height)
        numeric = numeric.extend_constant(False, frame.height - numeric.len())
        text = frame.get_column(frame.columns[nik_col])
        number = pl.select(pl.when(numeric).then(text.cast(pl.Float64, strict=False))).to_series()
        frame = frame.with_columns(number.alias(NIK_NUMBER))
        return _finish(frame, rows[index], mapping, header_row=index + 1, sheet=name)
    raise failure or FileRejected("FILE.EMPTY", "Berkas kosong.")


def read_table(
    path: str | Path,
    *,
    limits: Limits | None = None,
    require: Require = require_columns,
    header: FindHeader = find_header,
) -> RawTable:
    """The data rows of a CSV or spreadsheet file below its header row (found among the first 20 rows).

    ``require`` checks the found header's columns (a worker list needs a village); None for other files
    that share the NIK and Nama header, such as BPJS's answer to a registration. ``header`` finds the header
    row (a NIK and a Nama column, unless a file kind brings its own finder)."""
    path = Path(path)
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES or suffix in CSV_SUFFIXES:
        if suffix in SPREADSHEET_SUFFIXES:
            table = _read_spreadsheet(path, limits, require, header)
        else:
            try:
                table = _read_csv(path, limits, require, header)
            except pl.exceptions.PolarsError:
                # Polars quotes the cells it choked on (a NIK, a name): that text must reach neither the log
                # nor the job page, so it is dropped here, cause and all.
                raise FileRejected("FILE.UNREADABLE", CSV_UNREADABLE) from None
        if limits.max_rows is not None and table.frame.height > limits.max_rows:
            raise _too_many_rows(limits.max_rows)
        return table
    raise FileRejected("FILE.FORMAT", format_refusal(suffix))
