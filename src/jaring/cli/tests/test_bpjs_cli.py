"""`jaring bpjs export ID --out PATH`: the interface of issue 10."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from typer.testing import CliRunner

from jaring.cli import _register, app
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def test_export_writes_the_file_and_an_unknown_programme_exits_1(tmp_path, tegal_operator):
    data = WorkerInput(nik="3328015203900001", name="Siti", sex="F", village_code="33.28.01.2001",
                       birth_date=date(1990, 3, 12))  # fmt: skip
    worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12)
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    _register()
    path = tmp_path / "c.xlsx"
    result = CliRunner().invoke(app, ["bpjs", "export", str(programme.pk), "--out", str(path)])
    assert result.exit_code == 0, result.output
    assert pl.read_excel(path)["NIK"].cast(pl.String).to_list() == ["3328015203900001"]
    assert CliRunner().invoke(app, ["bpjs", "export", "99999", "--out", str(path)]).exit_code == 1


def test_answer_json_keys_and_exit_codes(tmp_path, tegal_operator):
    data = WorkerInput(nik="3328015203900001", name="Siti", sex="F", village_code="33.28.01.2001",
                       birth_date=date(1990, 3, 12))  # fmt: skip
    worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12)
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    _register()
    good, bad = tmp_path / "y.csv", tmp_path / "bad.csv"
    good.write_text("NIK;Nama;Status;Keterangan;KPJ\n3328015203900001;Siti;Y;;12345678901\n", encoding="utf-8")
    bad.write_text("NIK;Nama;Status;Keterangan;KPJ\n3328015203900001;Siti;Y;;123\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["bpjs", "answer", str(programme.pk), str(good), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "rows": 1, "accepted": 1, "rejected": 0, "unknown": 0, "unchanged": 0, "errors_by_rule": {},
    }  # fmt: skip
    refused = CliRunner().invoke(app, ["bpjs", "answer", str(programme.pk), str(bad), "--json"])
    assert refused.exit_code == 1
    assert json.loads(refused.stdout)["errors_by_rule"] == {"KPJ.FORMAT": 1}


def test_documents_writes_the_handover_and_one_list_per_village(tmp_path, tegal_operator):
    for nik, village in (("3328015203900001", "33.28.01.2001"), ("3328015203900002", "33.28.01.2002")):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code=village, birth_date=date(1990, 3, 12))
        worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12)
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    _register()
    out = tmp_path / "dokumen"
    empty = CliRunner().invoke(app, ["bpjs", "documents", str(programme.pk), "--out", str(out)])
    assert empty.exit_code == 1
    cohort_enrol(actor=None, programme=programme)
    result = CliRunner().invoke(app, ["bpjs", "documents", str(programme.pk), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"berita-acara-serah-terima-program-{programme.pk}.pdf",
        "daftar-musyawarah-desa-33.28.01.2001.pdf",
        "daftar-musyawarah-desa-33.28.01.2002.pdf",
    ]
    assert all(p.read_bytes().startswith(b"%PDF") and p.stat().st_mode & 0o077 == 0 for p in out.iterdir())
    assert CliRunner().invoke(app, ["bpjs", "documents", "99999", "--out", str(out)]).exit_code == 1
