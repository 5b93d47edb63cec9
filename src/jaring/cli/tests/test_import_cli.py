"""`jaring import workers`: issue 8, finding 11 (report folder checked first, `committed` in the JSON) and
finding 5 (a source over 120 characters is refused, not a PostgreSQL 500)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jaring.cli import _register, app
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan;Penghasilan\n"
ROWS = ["3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani;1500000"]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "desa.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str):
    _register()
    return CliRunner().invoke(app, ["import", "workers", *args])


def test_cli_refuses_a_missing_report_folder_before_any_work(tmp_path):
    result = _cli(str(_write(tmp_path, ROWS)), "--report", str(tmp_path / "tidak-ada" / "laporan.xlsx"))
    assert result.exit_code == 2
    assert "buat dulu foldernya" in " ".join(result.output.split())
    assert not Worker.objects.exists()


def test_cli_json_says_whether_anything_was_committed(tmp_path):
    path = _write(tmp_path, [*ROWS[:1], "123;Pendek;P;;Prupuk Selatan;Margasari;;"])
    strict = json.loads(_cli(str(path), "--strict", "--json").stdout)
    assert (strict["created"], strict["committed"]) == (1, False)
    assert not Worker.objects.exists()
    saved = json.loads(_cli(str(path), "--json").stdout)
    assert (saved["created"], saved["committed"]) == (1, True)


def test_cli_refuses_a_source_over_120_characters(tmp_path):
    result = _cli(str(_write(tmp_path, ROWS)), "--source", "s" * 121)
    assert result.exit_code == 2
    assert "paling banyak 120 karakter" in " ".join(result.output.split())


def test_cli_import_is_a_job_row_the_region_sees_and_a_refusal_exits_1(tmp_path, tegal_operator, client_for):
    from jaring.imports.models import ImportJob, JobStatus

    result = _cli(str(_write(tmp_path, ROWS)), "--region", "33.28", "--json")
    assert result.exit_code == 0, result.output
    job = ImportJob.objects.get()
    assert job.status == JobStatus.DONE
    assert job.region_id == "33.28"
    assert job.summary["created"] == 1
    assert "desa.csv" in client_for(tegal_operator).get("/impor/").content.decode()

    empty = tmp_path / "kosong.csv"
    empty.write_text(HEADER, encoding="utf-8")
    refused = _cli(str(empty), "--region", "33.28")
    assert refused.exit_code == 1
    assert "tidak berisi baris data" in " ".join(refused.output.split())
    assert ImportJob.objects.filter(status=JobStatus.FAILED).count() == 1
