"""BPJS's answer: Y activates with the KPJ, T cancels with the reason; idempotent; all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jaring.audit.models import AuditEvent
from jaring.enrolment.answer import AnswerRefused, answer_apply
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
NIKS = [f"332801520390{i:04d}" for i in range(1, 5)]


@pytest.fixture
def programme(tegal_operator):
    for i, nik in enumerate(NIKS, start=1):
        data = WorkerInput(nik=nik, name=f"Siti {i}", sex="F", village_code="33.28.01.2001",
                           birth_date=date(1990, 3, 12))  # fmt: skip
        worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="P", segment="bpu", start=date(2027, 1, 1), months=12)
    made = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=made)
    Membership.objects.update(status=Status.SUBMITTED)
    return made


def _file(tmp_path: Path, rows: list[dict[str, str]], name: str = "jawaban.xlsx") -> Path:
    path = tmp_path / name
    frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    if name.endswith(".csv"):
        frame.write_csv(path, separator=";")
    else:
        frame.write_excel(path)
    return path


def _row(nik: str, status: str, note: str = "", kpj: str = "") -> dict[str, str]:
    return {"NIK": nik, "Nama": "Siti", "Status": status, "Keterangan": note, "KPJ": kpj}


def _states() -> dict[str, tuple[str, str, str]]:
    rows = Membership.objects.select_related("worker")
    return {m.worker.nik: (m.status, m.kpj, m.reason) for m in rows}


def test_accepts_rejects_reports_unknown_and_is_idempotent(programme, tmp_path):
    path = _file(
        tmp_path,
        [
            _row(NIKS[0], "Y", kpj="12345678901"),
            _row(NIKS[1], "y", kpj="123.4567.8902"),
            _row(NIKS[2], "T", note="NIK tidak ditemukan di Dukcapil"),
            _row("3328015203909999", "Y", kpj="12345678903"),
        ],
    )
    first = answer_apply(actor=None, programme=programme, path=path)
    assert first.as_json() == {
        "rows": 4, "accepted": 2, "rejected": 1, "unknown": 1, "unchanged": 0, "errors_by_rule": {},
    }  # fmt: skip
    assert first.problems == [(5, "NIK.NOT_IN_COHORT", "NIK tidak ada dalam kohort program ini.")]
    states = _states()
    assert states[NIKS[0]] == ("active", "12345678901", "")
    assert states[NIKS[1]] == ("active", "12345678902", "")
    assert states[NIKS[2]] == ("cancelled", "", "Ditolak BPJS: NIK tidak ditemukan di Dukcapil")
    assert states[NIKS[3]] == ("submitted", "", "")
    again = answer_apply(actor=None, programme=programme, path=path)
    assert (again.accepted, again.rejected, again.unknown, again.unchanged) == (0, 0, 1, 3)
    assert _states() == states
    assert AuditEvent.objects.filter(action="cohort.answer").count() == 2


def test_a_malformed_file_changes_nothing_and_lists_every_bad_row(programme, tmp_path):
    path = _file(
        tmp_path,
        [
            _row(NIKS[0], "Y", kpj="12345"),
            _row(NIKS[1], "MUNGKIN"),
            _row(NIKS[2], "T"),
            _row(NIKS[2], "Y"),
            _row("33280152", "Y"),
            _row(NIKS[3], "Y", kpj="12345678901"),
        ],
        name="jawaban.csv",
    )
    before = _states()
    result = answer_apply(actor=None, programme=programme, path=path)
    assert not result.applied
    assert result.errors_by_rule == {"KPJ.FORMAT": 1, "NIK.FORMAT": 1, "NIK.REPEATED": 2, "STATUS.UNKNOWN": 1}
    assert [(row, code) for row, code, _ in result.problems][:2] == [(2, "KPJ.FORMAT"), (3, "STATUS.UNKNOWN")]
    assert _states() == before
    assert not AuditEvent.objects.filter(action="cohort.answer").exists()


def test_the_same_kpj_for_two_niks_is_refused(programme, tmp_path):
    path = _file(tmp_path, [_row(NIKS[0], "Y", kpj="12345678901"), _row(NIKS[1], "Y", kpj="12345678901")])
    assert answer_apply(actor=None, programme=programme, path=path).errors_by_rule == {"KPJ.REPEATED": 2}


def test_a_file_without_status_is_refused(programme, tmp_path):
    path = _file(tmp_path, [{"NIK": NIKS[0], "Nama": "Siti"}])
    with pytest.raises(AnswerRefused) as caught:
        answer_apply(actor=None, programme=programme, path=path)
    assert caught.value.code == "FILE.NO_STATUS"


def test_outsiders_cannot_apply(programme, tmp_path, bekasi_operator):
    from jaring.accounts.access import NotInScope

    path = _file(tmp_path, [_row(NIKS[0], "Y")])
    with pytest.raises(NotInScope):
        answer_apply(actor=bekasi_operator, programme=programme, path=path)
