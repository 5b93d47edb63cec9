from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jaring.accounts.access import NotInScope
from jaring.audit.models import AuditEvent
from jaring.registry.models import DuplicateStatus, Group, PossibleDuplicate, Worker, WorkerChange
from jaring.registry.selectors import WorkerFilter, access_worker, workers_for, workers_search
from jaring.registry.services import WorkerInput, duplicate_dismiss, worker_merge, worker_register

pytestmark = pytest.mark.django_db


def _register(actor, nik="3328015203900001", name="Siti Aminah", village="33.28.01.2001", **extra):
    return worker_register(actor=actor, data=WorkerInput(nik=nik, name=name, sex="F", village_code=village, **extra))


def test_register_fills_birth_date_from_nik_and_audits_masked(tegal_operator):
    worker = _register(tegal_operator)
    assert worker.birth_date == date(1990, 3, 12)
    event = AuditEvent.objects.get(action="worker.register")
    assert event.summary["nik"] == "332801******0001"
    assert "3328015203900001" not in str(event.summary)


@pytest.mark.parametrize(
    ("nik", "village", "message"),
    [
        ("3328015203900000", "33.28.01.2001", "NIK.SERIAL"),
        ("3328015203900001", "32.16.01.2001", "tidak ditemukan di wilayah Anda"),
        ("3328015203900001", "33.28.01", "tidak ditemukan di wilayah Anda"),
    ],
)
def test_register_refuses(tegal_operator, nik, village, message):
    with pytest.raises(ValidationError) as exc:
        _register(tegal_operator, nik=nik, village=village)
    assert message in " ".join(exc.value.messages)


def test_village_operator_registers_only_in_own_village(village_operator):
    _register(village_operator)
    with pytest.raises(ValidationError):
        _register(village_operator, nik="3328015203900002", village="33.28.01.2002")


def test_duplicate_nik_refused(tegal_operator):
    _register(tegal_operator)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        _register(tegal_operator, name="Orang Lain")


def test_scoping_of_reads(tegal_operator, village_operator, bekasi_operator, leader):
    own = _register(tegal_operator)
    neighbour = _register(tegal_operator, nik="3328015203900002", village="33.28.01.2002")
    assert set(workers_for(tegal_operator)) == {own, neighbour}
    assert list(workers_for(village_operator)) == [own]
    assert list(workers_for(bekasi_operator)) == []
    with pytest.raises(NotInScope):
        access_worker(bekasi_operator, own.pk)
    with pytest.raises(NotInScope):
        access_worker(village_operator, neighbour.pk)
    with pytest.raises(PermissionDenied):
        workers_for(leader)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("3328015203900001", ["Siti Aminah"]),
        ("'3328.0152.0390.0001", ["Siti Aminah"]),
        ("aminah siti", ["Siti Aminah"]),
        ("slamet", ["Slamet Riyadi"]),
        ("", ["Achmad Yani", "Ahmad Dahlan", "Mochammad Joesoef", "Siti Aminah", "Slamet Riyadi"]),
        ("zzz", []),
        # Other spellings of the same name: old spelling, doubled letters, final d/t, f/p.
        ("muhamad yusuf", ["Mochammad Joesoef"]),
        ("YUSUP, MUHAMMAD", ["Mochammad Joesoef"]),
        # Names as written come before other spellings, whatever the alphabet says.
        ("ahmad", ["Ahmad Dahlan", "Achmad Yani"]),
        # A word whose key is too short to mean anything ("zzz" -> "s") is matched only as written.
        ("zz", []),
        ("sitti", ["Siti Aminah"]),
    ],
)
def test_search(tegal_operator, query, expected):
    _register(tegal_operator)
    _register(tegal_operator, nik="3328011507850002", name="Slamet Riyadi")
    _register(tegal_operator, nik="3328011507850003", name="Mochammad Joesoef")
    _register(tegal_operator, nik="3328011507850004", name="Ahmad Dahlan")
    _register(tegal_operator, nik="3328011507850005", name="Achmad Yani")
    assert [w.name for w in workers_search(tegal_operator, WorkerFilter(q=query))] == expected


def _pair(actor):
    a = _register(actor, address="RT 1")
    b = _register(actor, nik="3328015203900002", name="Siti  Aminah", phone="0812")
    return PossibleDuplicate.objects.create(worker=a, other=b, score="1.000", reason="uji", created_at=a.created_at)


def test_merge_keeps_one_fills_blanks_and_records_history(tegal_operator):
    pair = _pair(tegal_operator)
    group = Group.objects.create(name="Kelompok Tani Makmur", kind="kelompok-desa", region_id="33.28")
    group.members.add(pair.other)
    kept = worker_merge(actor=tegal_operator, duplicate=pair, keep_id=pair.worker_id)
    assert Worker.objects.count() == 1
    assert (kept.address, kept.phone) == ("RT 1", "0812")
    assert list(group.members.all()) == [kept]
    assert WorkerChange.objects.get(worker=kept).before["merged_from"]["nik"] == "3328015203900002"
    # The pair row goes with the removed worker; the audit trail keeps the merge.
    assert not PossibleDuplicate.objects.exists()
    assert AuditEvent.objects.get(action="worker.merge").summary["removed"] == "332801******0002"


def test_dismiss_keeps_both(tegal_operator):
    pair = _pair(tegal_operator)
    duplicate_dismiss(actor=tegal_operator, duplicate=pair)
    assert Worker.objects.count() == 2
    assert PossibleDuplicate.objects.get().status == DuplicateStatus.DISMISSED


def test_auditor_cannot_merge(tegal_operator, auditor):
    pair = _pair(tegal_operator)
    with pytest.raises(PermissionDenied):
        worker_merge(actor=auditor, duplicate=pair, keep_id=pair.worker_id)


def test_group_members_must_be_in_scope(tegal_operator, bekasi_operator):
    from jaring.registry.services import group_create

    worker = _register(tegal_operator)
    group = group_create(
        actor=tegal_operator, name="Kelompok Tani", kind="kelompok-desa", region_code="33.28", worker_ids=[worker.pk]
    )
    assert list(group.members.all()) == [worker]
    with pytest.raises(ValidationError):
        group_create(actor=bekasi_operator, name="Curian", kind="asosiasi", region_code="32.16", worker_ids=[worker.pk])


def test_employer_register_in_scope_only(tegal_operator):
    from jaring.registry.services import employer_register

    employer = employer_register(actor=tegal_operator, name="CV Batik", region_code="33.28.04", risk_class="rendah")
    assert employer.region_id == "33.28.04"
    with pytest.raises(ValidationError):
        employer_register(actor=tegal_operator, name="PT Lain", region_code="32.16", risk_class="rendah")
