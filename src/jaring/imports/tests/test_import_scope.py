"""Issue 8, finding 1: an import never writes to a worker of another region. A known NIK outside the
importer's scope is rejected (NIK.OUT_OF_SCOPE), discloses nothing of that worker, and files a move request
that the worker's region accepts or refuses, with both regions' audit trails recording it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import fastexcel
import polars as pl
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jaring.accounts.access import NotInScope
from jaring.audit.models import AuditEvent
from jaring.imports.services import import_workers
from jaring.regions.models import Region
from jaring.registry.bulk import FRAME_SCHEMA, workers_bulk_upsert
from jaring.registry.models import MoveStatus, SourceBatch, Worker, WorkerChange, WorkerMoveRequest
from jaring.registry.selectors import access_move_request
from jaring.registry.services import WorkerInput, worker_move_accept, worker_move_refuse, worker_register

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Kode Desa;Alamat;No HP;Penghasilan\n"
TEGAL_NIK = "3328015203900001"
PRUPUK, KALIGAYAM = "33.28.01.2001", "33.28.01.2002"


@pytest.fixture
def bekasi_village() -> str:
    return str(
        Region.objects.filter(level=4, code__startswith="32.16.").order_by("code").values_list("code", flat=True)[0]
    )


@pytest.fixture
def tegal_worker(tegal_operator):
    return worker_register(
        actor=tegal_operator,
        data=WorkerInput(
            nik=TEGAL_NIK,
            name="Siti Aminah",
            sex="F",
            village_code=PRUPUK,
            address="RT 01/RW 02 Prupuk",
            phone="081234567890",
            income=Decimal(2_000_000),
        ),
    )


def _import(tmp_path: Path, actor, lines: list[str], **kwargs):
    path = tmp_path / "impor.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return import_workers(
        actor=actor,
        path=path,
        scope_code=actor.region_id,
        source="uji",
        report_path=tmp_path / "laporan.xlsx",
        **kwargs,
    )


def _row(nik: str, name: str, village: str, address: str = "Jl. Bekasi 1", phone: str = "089999999999") -> str:
    return f"{nik};{name};P;12/03/1990;{village};{address};{phone};"


def test_bekasi_cannot_overwrite_or_move_a_tegal_worker(tmp_path, tegal_worker, bekasi_operator, bekasi_village):
    summary = _import(tmp_path, bekasi_operator, [_row(TEGAL_NIK, "Nama Palsu", bekasi_village)])
    assert (summary.created, summary.updated, summary.rejected) == (0, 0, 1)
    assert summary.errors_by_rule == {"NIK.OUT_OF_SCOPE": 1}
    worker = Worker.objects.get(nik=TEGAL_NIK)
    assert (worker.name, worker.village_id, worker.address, worker.phone) == (
        "Siti Aminah",
        PRUPUK,
        "RT 01/RW 02 Prupuk",
        "081234567890",
    )
    assert not WorkerChange.objects.filter(worker=worker).exists()
    # The failure report holds the row's own cells and the reason: nothing of the Tegal record.
    sheet = fastexcel.read_excel(str(tmp_path / "laporan.xlsx")).load_sheet(0, dtypes="string").to_polars()
    cells = [str(c) for row in sheet.rows() for c in row] + sheet.columns
    text = " ".join(cells)
    assert "NIK.OUT_OF_SCOPE" in text
    assert "Nama Palsu" in text
    assert not any(secret in text for secret in ("Siti", "Prupuk", PRUPUK, "081234567890", "Margasari"))


def test_a_village_operator_cannot_pull_a_neighbouring_villages_worker(tmp_path, village_operator, tegal_operator):
    worker_register(
        actor=tegal_operator, data=WorkerInput(nik=TEGAL_NIK, name="Tetangga", sex="F", village_code=KALIGAYAM)
    )
    summary = _import(tmp_path, village_operator, [_row(TEGAL_NIK, "Tetangga Baru", PRUPUK)])
    assert summary.errors_by_rule == {"NIK.OUT_OF_SCOPE": 1}
    assert Worker.objects.get(nik=TEGAL_NIK).village_id == KALIGAYAM
    move = WorkerMoveRequest.objects.get()
    assert (move.from_region_id, move.to_village_id, move.requested_region_id) == (KALIGAYAM, PRUPUK, PRUPUK)


def test_dry_run_counts_say_nothing_more_than_the_rejection(tmp_path, tegal_worker, bekasi_operator, bekasi_village):
    """A NIK registered elsewhere and a NIK registered nowhere differ only by that one rejection: neither
    is counted as updated, and nothing is kept, not even a move request."""
    lines = [_row(TEGAL_NIK, "Siapa", bekasi_village), _row("3328015203900002", "Baru", bekasi_village)]
    summary = _import(tmp_path, bekasi_operator, lines, dry_run=True)
    assert (summary.rows, summary.created, summary.updated, summary.unchanged) == (2, 1, 0, 0)
    assert summary.errors_by_rule == {"NIK.OUT_OF_SCOPE": 1}
    assert (summary.committed, summary.move_requests) == (False, 0)
    assert not WorkerMoveRequest.objects.exists()
    assert Worker.objects.count() == 1


def test_move_request_is_filed_once_and_audited_in_both_regions(
    tmp_path, tegal_worker, bekasi_operator, bekasi_village
):
    lines = [_row(TEGAL_NIK, "Siti Aminah Baru", bekasi_village, address="", phone="")]
    summary = _import(tmp_path, bekasi_operator, lines)
    assert (summary.committed, summary.move_requests) == (True, 1)
    again = _import(tmp_path, bekasi_operator, lines)
    assert again.move_requests == 0  # already pending
    move = WorkerMoveRequest.objects.get()
    assert (move.worker_id, move.from_region_id, move.to_village_id) == (tegal_worker.pk, PRUPUK, bekasi_village)
    assert (move.requested_by, move.requested_region_id, move.status) == (bekasi_operator, "32.16", MoveStatus.PENDING)
    assert move.proposed["name"] == "Siti Aminah Baru"
    regions = set(AuditEvent.objects.filter(action="worker.move.request").values_list("region_code", flat=True))
    assert regions == {"32.16", "33.28"}
    for event in AuditEvent.objects.filter(action="worker.move.request"):
        assert TEGAL_NIK not in str(event.summary)


def test_tegal_accepts_the_move(tmp_path, tegal_worker, tegal_operator, bekasi_operator, bekasi_village):
    _import(tmp_path, bekasi_operator, [_row(TEGAL_NIK, "Siti Aminah Baru", bekasi_village, address="", phone="")])
    move = WorkerMoveRequest.objects.get()
    with pytest.raises(NotInScope):
        access_move_request(bekasi_operator, move.pk)  # the requester does not decide
    worker = worker_move_accept(actor=tegal_operator, move=access_move_request(tegal_operator, move.pk))
    worker.refresh_from_db()
    assert (worker.name, worker.village_id) == ("Siti Aminah Baru", bekasi_village)
    # Blank proposed cells keep what was known (finding 2 holds for moves too).
    assert (worker.address, worker.phone, worker.income) == ("RT 01/RW 02 Prupuk", "081234567890", Decimal(2_000_000))
    assert WorkerChange.objects.get(worker=worker).before["village_id"] == PRUPUK
    move.refresh_from_db()
    assert (move.status, move.decided_by) == (MoveStatus.ACCEPTED, tegal_operator)
    regions = set(AuditEvent.objects.filter(action="worker.move.accept").values_list("region_code", flat=True))
    assert regions == {PRUPUK, bekasi_village}
    with pytest.raises(NotInScope):
        access_move_request(tegal_operator, move.pk)  # decided, and the worker is Bekasi's now


def test_tegal_refuses_the_move(tmp_path, tegal_worker, tegal_operator, bekasi_operator, bekasi_village):
    _import(tmp_path, bekasi_operator, [_row(TEGAL_NIK, "Nama Palsu", bekasi_village)])
    move = WorkerMoveRequest.objects.get()
    worker_move_refuse(actor=tegal_operator, move=access_move_request(tegal_operator, move.pk))
    assert Worker.objects.get().name == "Siti Aminah"
    move.refresh_from_db()
    assert move.status == MoveStatus.REFUSED
    refused = AuditEvent.objects.filter(action="worker.move.refuse")
    assert set(refused.values_list("region_code", flat=True)) == {PRUPUK, bekasi_village}
    # The requester's side learns the decision, not where the worker lives.
    assert PRUPUK not in str(refused.get(region_code=bekasi_village).summary)


def test_move_pages_show_each_side_its_own(
    tmp_path, tegal_worker, tegal_operator, bekasi_operator, bekasi_village, client_for
):
    _import(tmp_path, bekasi_operator, [_row(TEGAL_NIK, "Nama Usulan", bekasi_village)])
    move = WorkerMoveRequest.objects.get()
    bekasi = client_for(bekasi_operator).get("/pekerja/pindah/").content.decode()
    assert "Nama Usulan" in bekasi
    assert "Menunggu keputusan" in bekasi
    assert "Siti Aminah" not in bekasi
    assert "Prupuk" not in bekasi
    assert f"/pekerja/pindah/{move.pk}/terima/" not in bekasi
    tegal = client_for(tegal_operator).get("/pekerja/pindah/").content.decode()
    assert "Siti Aminah" in tegal
    assert f"/pekerja/pindah/{move.pk}/terima/" in tegal
    response = client_for(tegal_operator).post(f"/pekerja/pindah/{move.pk}/terima/")
    assert response.status_code == 302
    assert Worker.objects.get().village_id == bekasi_village


def test_bulk_upsert_itself_leaves_other_regions_alone(tegal_worker, bekasi_operator, bekasi_village):
    """Defence in depth: the registry's set-based write checks the scope of what it finds, whoever calls it."""
    row = dict.fromkeys(FRAME_SCHEMA) | {
        "nik": TEGAL_NIK, "name": "Palsu", "search_name": "palsu", "sex": "F", "village_id": bekasi_village,
        "source": "uji", "address": "", "phone": "", "birth_place": "", "occupation_text": "",
    }  # fmt: skip
    batch = SourceBatch.objects.create(source="uji", region_id="32.16", created_at=timezone.now())
    result = workers_bulk_upsert(actor=bekasi_operator, batch=batch, frame=pl.DataFrame([row], schema=FRAME_SCHEMA))
    assert (result.created, result.updated, result.out_of_scope) == (0, 0, 1)
    assert Worker.objects.get().name == "Siti Aminah"


def test_register_says_only_that_the_nik_is_taken(tegal_worker, bekasi_operator, bekasi_village):
    with pytest.raises(ValidationError) as caught:
        worker_register(
            actor=bekasi_operator, data=WorkerInput(nik=TEGAL_NIK, name="X", sex="F", village_code=bekasi_village)
        )
    message = " ".join(caught.value.messages)
    # The same answer as for a NIK taken inside the region: nothing says where the record lives.
    assert message == "NIK 332801******0001 sudah terdaftar."
    assert "Siti" not in message
    assert "Prupuk" not in message


def test_a_national_import_updates_anywhere(tmp_path, tegal_worker, bekasi_village):
    """The command line without --region is national: every region is its scope, no move request needed."""
    path = tmp_path / "nasional.csv"
    path.write_text(HEADER + _row(TEGAL_NIK, "Siti Aminah", bekasi_village) + "\n", encoding="utf-8")
    summary = import_workers(actor=None, path=path, scope_code=None, source="nasional")
    assert (summary.updated, summary.rejected, summary.move_requests) == (1, 0, 0)
    assert Worker.objects.get().village_id == bekasi_village


def test_read_only_roles_see_move_requests_without_decision_buttons(
    tmp_path, tegal_worker, bekasi_operator, bekasi_village, auditor, client_for
):
    _import(tmp_path, bekasi_operator, [_row(TEGAL_NIK, "Nama Usulan", bekasi_village)])
    move = WorkerMoveRequest.objects.get()
    page = client_for(auditor).get("/pekerja/pindah/").content.decode()
    assert "Siti Aminah" in page
    assert f"/pekerja/pindah/{move.pk}/terima/" not in page
    assert f"/pekerja/pindah/{move.pk}/tolak/" not in page
