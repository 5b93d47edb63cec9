"""Issue 8, findings 3, 5 and 11: limits on what one import may cost, encodings, and clear messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from django.utils import timezone

from jaring.env import EnvError, env_int
from jaring.imports.headers import FileRejected
from jaring.imports.reader import Limits, detect_encoding, read_table
from jaring.imports.services import import_workers
from jaring.registry.bulk import FRAME_SCHEMA, workers_bulk_upsert
from jaring.registry.models import PossibleDuplicate, SourceBatch, Worker
from jaring.registry.names import search_name

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan;Penghasilan\n"
ROWS = [
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani;1500000",
    "3328011507850002;José Riyadi;L;15/07/1985;Prupuk Selatan;Margasari;Petani;800000",
    "3328015203900003;Sri Rahayu;P;12/03/1990;Prupuk Selatan;Margasari;Petani;0",
]


def _write(tmp_path: Path, lines: list[str], *, encoding: str = "utf-8", name: str = "desa.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + "\n".join(lines) + ("\n" if lines else "")).encode(encoding))
    return path


def _import(path: Path, actor, **kwargs):
    return import_workers(actor=actor, path=path, scope_code=actor.region_id, source="uji", **kwargs)


# --- Finding 3: limits ------------------------------------------------------------------------------------


def test_env_int_reads_and_refuses():
    assert env_int("X", 5, {}) == 5
    assert env_int("X", 5, {"X": "1_000"}) == 1000
    with pytest.raises(EnvError, match="bukan bilangan bulat"):
        env_int("X", 5, {"X": "banyak"})
    with pytest.raises(EnvError, match="terlalu kecil"):
        env_int("X", 5, {"X": "0"}, minimum=1)


def test_rows_per_file_are_limited(tmp_path, tegal_operator, settings):
    settings.JARING_IMPORT_MAX_ROWS = 2
    with pytest.raises(FileRejected) as caught:
        _import(_write(tmp_path, ROWS), tegal_operator)
    assert caught.value.code == "FILE.TOO_MANY_ROWS"
    assert "lebih dari 2 baris data" in caught.value.message
    assert not Worker.objects.exists()
    assert not SourceBatch.objects.exists()
    settings.JARING_IMPORT_MAX_ROWS = 3
    assert _import(_write(tmp_path, ROWS), tegal_operator).created == 3


def test_csv_row_limit_is_checked_before_parsing(tmp_path, monkeypatch):
    """Far more lines than the limit are refused by counting newlines, before Polars reads the file."""
    path = _write(tmp_path, ROWS * 20)
    monkeypatch.setattr("polars.read_csv", lambda *a, **k: pytest.fail("parsed despite the limit"))
    with pytest.raises(FileRejected, match="lebih dari 5 baris"):
        read_table(path, limits=Limits(max_rows=5))


def _bomb(path: Path, megabytes: int) -> Path:
    """An .xlsx whose sheet unpacks to several MB but compresses to a few KB."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["NIK", "Nama", "Desa"])
    for r in range(1, megabytes * 40):
        sheet.write_row(r, 0, ["3328015203900001", f"{r} " + "a" * 30_000, "Prupuk Selatan"])  # no shared string
    workbook.close()
    return path


def test_xlsx_unpacked_size_is_checked_before_reading(tmp_path, tegal_operator, settings, monkeypatch):
    settings.JARING_IMPORT_MAX_UNPACKED_MB = 1
    bomb = _bomb(tmp_path / "bom.xlsx", 3)
    assert bomb.stat().st_size < 200_000
    monkeypatch.setattr("fastexcel.read_excel", lambda *a, **k: pytest.fail("read despite the limit"))
    with pytest.raises(FileRejected) as caught:
        _import(bomb, tegal_operator)
    assert caught.value.code == "FILE.TOO_LARGE_UNPACKED"
    assert "melebihi batas 1 MB" in caught.value.message


def _row(nik: str, name: str, birth: date, village: str = "33.28.01.2001") -> dict[str, object]:
    return dict.fromkeys(FRAME_SCHEMA) | {
        "nik": nik, "name": name, "search_name": search_name(name), "sex": "F", "birth_date": birth,
        "village_id": village, "address": "", "phone": "", "birth_place": "", "occupation_text": "", "source": "uji",
    }  # fmt: skip


def test_duplicate_search_skips_a_block_past_the_bound(tegal_operator, settings):
    """Four people with a placeholder birth date and one first letter make six pairs: past a bound of three,
    their block is skipped and counted, while a small block is still compared."""
    settings.JARING_DUPLICATE_MAX_BLOCK_PAIRS = 3
    placeholder, real = date(1970, 1, 1), date(1990, 3, 12)
    rows = [_row(f"33280152039000{i:02d}", f"Siti Aminah {s}", placeholder) for i, s in enumerate("ABCD", 10)]
    rows += [_row("3328015203900001", "Budi Santoso", real), _row("3328015203900002", "Budi Santosa", real)]
    batch = SourceBatch.objects.create(source="uji", region_id="33.28", created_at=timezone.now())
    result = workers_bulk_upsert(actor=tegal_operator, batch=batch, frame=pl.DataFrame(rows, schema=FRAME_SCHEMA))
    assert (result.created, result.duplicate_check_skipped, result.possible_duplicates) == (6, 4, 1)
    pair = PossibleDuplicate.objects.select_related("worker").get()
    assert pair.worker.name == "Budi Santoso"


# --- Finding 11: encodings and messages -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_csv_encodings_are_detected(tmp_path, tegal_operator, encoding):
    summary = _import(_write(tmp_path, ROWS, encoding=encoding), tegal_operator)
    assert (summary.created, summary.rejected) == (3, 0), summary.errors_by_rule
    assert Worker.objects.filter(name="José Riyadi").exists()


def test_detect_encoding_without_bom():
    text = HEADER + ROWS[0]
    assert detect_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding("Désa".encode("cp1252")) == "cp1252"


def test_a_long_line_without_newline_is_not_called_empty(tmp_path, tegal_operator):
    path = tmp_path / "satu-baris.csv"
    path.write_text("NIK;" + "x" * 300_000, encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        _import(path, tegal_operator)
    assert caught.value.code == "FILE.LINE_TOO_LONG"
    assert "Berkas kosong" not in caught.value.message
    assert "bukan tabel" in caught.value.message


def test_headers_only_says_no_data_rows_and_leaves_no_batch(tmp_path, tegal_operator):
    with pytest.raises(FileRejected) as caught:
        _import(_write(tmp_path, []), tegal_operator)
    assert "tidak berisi baris data" in caught.value.message
    assert not SourceBatch.objects.exists()


def test_all_rows_rejected_leaves_no_batch(tmp_path, tegal_operator):
    summary = _import(_write(tmp_path, ["123;Siti;P;;Prupuk Selatan;Margasari;;"]), tegal_operator)
    assert (summary.rejected, summary.committed) == (1, False)
    assert not SourceBatch.objects.exists()


# --- Finding 5: lengths that PostgreSQL enforces ----------------------------------------------------------


def test_long_file_name_and_source_are_shortened_not_a_500(tmp_path, tegal_operator):
    path = _write(tmp_path, ROWS, name="d" * 200 + ".csv")
    summary = import_workers(
        actor=tegal_operator, path=path, scope_code="33.28", source=path.name, original_name="e" * 300 + ".csv"
    )
    assert summary.created == 3
    batch = SourceBatch.objects.get()
    assert (len(batch.source), len(batch.file_name)) == (120, 255)
    assert batch.file_name.endswith(".csv")
    assert {len(s) for s in Worker.objects.values_list("source", flat=True)} == {120}


def test_duplicate_bound_counts_the_registrys_side_of_a_block(tegal_operator, settings):
    """Three people already registered with the placeholder date, two more in a later batch: five in one
    block is ten pairs, past a bound of six; the later batch's two are the ones counted."""
    placeholder = date(1970, 1, 1)

    def upsert(rows: list[dict[str, object]]):
        batch = SourceBatch.objects.create(source="uji", region_id="33.28", created_at=timezone.now())
        return workers_bulk_upsert(actor=tegal_operator, batch=batch, frame=pl.DataFrame(rows, schema=FRAME_SCHEMA))

    settings.JARING_DUPLICATE_MAX_BLOCK_PAIRS = 6
    first = upsert([_row(f"33280152039000{i:02d}", f"Siti Aminah {s}", placeholder) for i, s in enumerate("ABC", 10)])
    assert first.duplicate_check_skipped == 0
    later = upsert([_row(f"33280152039000{i:02d}", f"Siti Aminah {s}", placeholder) for i, s in enumerate("DE", 20)])
    assert (later.created, later.duplicate_check_skipped) == (2, 2)
