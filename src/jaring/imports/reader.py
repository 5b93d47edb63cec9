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
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from .headers import FileRejected, HeaderMap, find_header, require_columns

ROW = "__row"
NIK_NUMBER = "__nik_number"
HEADER_SCAN_ROWS = 20
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_DELIMITERS = (";", ",", "\t", "|")
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
    return RawTable(
        frame=kept.select([ROW, *names, *extra]),
        columns=tuple(names),
        mapping=mapping,
        header_row=header_row,
        sheet=sheet,
        blank_rows=data.height - kept.height,
    )


def _transcode(data: bytes) -> bytes:
    """UTF-8 from UTF-16 with BOM or Windows-1252 (the encodings Excel's "Save as CSV" produces)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16").encode()
    try:
        return data.decode("cp1252").encode()
    except UnicodeDecodeError:
        return data.decode("latin-1").encode()  # cp1252 leaves five bytes undefined; latin-1 maps all


def _sample_text(head: bytes) -> tuple[str, bool]:
    """The decoded start of a CSV file, and whether the file looks UTF-8 (with or without BOM)."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace"), False
    try:
        # The sample may end inside a multi-byte character: drop that partial line first.
        return head[: head.rfind(b"\n") + 1 or len(head)].decode("utf-8"), True
    except UnicodeDecodeError:
        return _transcode(head).decode(), False


def _find_csv_header(sample: str) -> tuple[int, str, int, list[str | None], HeaderMap]:
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
            index, mapping = find_header(records)
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


def _read_csv(path: Path) -> RawTable:
    with path.open("rb") as handle:
        head = handle.read(256 * 1024)
    sample, utf8 = _sample_text(head)
    index, delimiter, header_lines, header, mapping = _find_csv_header(sample)
    require_columns(mapping)

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
        frame = load(io.BytesIO(_transcode(path.read_bytes())))
    return _finish(frame, header, mapping, header_row=index + 1, sheet=None)


def _read_spreadsheet(path: Path) -> RawTable:
    try:
        return _load_spreadsheet(path)
    except fastexcel.FastExcelError as exc:
        raise FileRejected(
            "FILE.UNREADABLE",
            "Berkas tidak dapat dibaca sebagai lembar kerja Excel: mungkin rusak, berkata sandi, atau bukan .xlsx. "
            "Buka di Excel lalu simpan ulang sebagai .xlsx.",
        ) from exc


def _load_spreadsheet(path: Path) -> RawTable:
    workbook = fastexcel.read_excel(str(path))
    failure: FileRejected | None = None
    # Each load parses the whole sheet, even for 20 rows: the first sheet with a header row is the data, and
    # it is loaded once. skip_rows=0 (not None) keeps leading empty rows, so positions are real sheet rows.
    for sheet_index, name in enumerate(workbook.sheet_names):
        sheet = workbook.load_sheet(sheet_index, header_row=None, skip_rows=0, dtypes="string").to_polars()
        rows = [list(r) for r in sheet.head(HEADER_SCAN_ROWS).rows()]
        try:
            index, mapping = find_header(rows)
        except FileRejected as exc:
            failure = exc if failure is None or failure.code == "FILE.EMPTY" else failure
            continue
        require_columns(mapping)
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


def read_table(path: str | Path) -> RawTable:
    """The data rows of a CSV or spreadsheet file below its header row (found among the first 20 rows)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path)
    if suffix in CSV_SUFFIXES:
        try:
            return _read_csv(path)
        except pl.exceptions.PolarsError:
            # Polars quotes the cells it choked on (a NIK, a name): that text must reach neither the log nor
            # the job page, so it is dropped here, cause and all.
            raise FileRejected("FILE.UNREADABLE", CSV_UNREADABLE) from None
    raise FileRejected(
        "FILE.FORMAT", f"Jenis berkas {suffix or '(tanpa ekstensi)'} tidak didukung: unggah .xlsx, .xls atau .csv."
    )
