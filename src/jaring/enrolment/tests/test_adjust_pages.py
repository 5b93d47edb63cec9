"""Adjusting a running cohort from its page: add, replace, cancel, each refusal shown in Indonesian."""

from __future__ import annotations

from datetime import date

import pytest

from jaring.enrolment.models import Membership, Status
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _post(client, programme, **data):
    response = client.post(f"/program/{programme.pk}/kohort/sesuaikan/", data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _outside(cohort):
    programme, workers = cohort
    enrolled = set(Membership.objects.filter(programme=programme).values_list("worker_id", flat=True))
    return next(w for w in workers.values() if w.pk not in enrolled and w.birth_date.year > 1960)


def test_add_replace_cancel_with_reasons(cohort, tegal_operator, client_for):
    programme, _ = cohort
    client = client_for(tegal_operator)
    newcomer = _outside(cohort)
    page = _post(client, programme, action="add", nik=newcomer.nik, reason="Hasil musdes susulan")
    assert "ditambahkan mulai 01/01/2027" in page
    assert newcomer.nik not in page
    old = Membership.objects.filter(programme=programme).exclude(worker=newcomer)[0]
    other = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900077", name="Rina", sex="F", village_code="33.28.01.2001",
                         birth_date=date(1990, 1, 1)),
    )  # fmt: skip
    page = _post(client, programme, action="replace", nik=old.worker.nik, new_nik=other.nik, on="2027-04-01",
                 reason="Meninggal dunia")  # fmt: skip
    assert "diganti oleh Rina" in page
    old.refresh_from_db()
    assert old.end == date(2027, 3, 31)
    page = _post(client, programme, action="cancel", nik=other.nik, reason="Pindah ke luar daerah")
    assert "dibatalkan" in page
    assert Membership.objects.get(worker=other).status == Status.CANCELLED


def test_refusals_name_the_blocking_cover_and_hide_other_regions(cohort, tegal_operator, bekasi_operator,
                                                                 client_for):  # fmt: skip
    programme, _ = cohort
    client = client_for(tegal_operator)
    member = Membership.objects.filter(programme=programme).select_related("worker")[0]
    page = _post(client, programme, action="add", nik=member.worker.nik, reason="Dobel")
    assert "Pekerja sudah didanai pada periode ini: Pekerja Rentan 2027, 01/01/2027–31/12/2027" in page
    assert "Alasan" in _post(client, programme, action="add", nik=member.worker.nik, reason="")
    from jaring.regions.models import Region

    bekasi = Region.objects.filter(level=4, code__startswith="32.16.").order_by("code")[0]
    outsider = worker_register(
        actor=bekasi_operator,
        data=WorkerInput(nik="3216015203900001", name="Orang Bekasi", sex="F", village_code=bekasi.code),
    )
    unknown = _post(client, programme, action="add", nik="3328019999990001", reason="Coba")
    foreign = _post(client, programme, action="add", nik=outsider.nik, reason="Coba")
    assert "Pekerja dengan NIK itu tidak ditemukan di wilayah Anda." in unknown
    assert "Pekerja dengan NIK itu tidak ditemukan di wilayah Anda." in foreign
    assert "Orang Bekasi" not in foreign
    assert "Tidak ada kepesertaan berjalan" in _post(client, programme, action="cancel", nik=outsider.nik, reason="x")


def test_only_editors_adjust(cohort, auditor, village_operator, client_for):
    programme, _ = cohort
    newcomer = _outside(cohort)
    for user in (auditor, village_operator):
        response = client_for(user).post(
            f"/program/{programme.pk}/kohort/sesuaikan/", {"action": "add", "nik": newcomer.nik, "reason": "x"}
        )
        assert response.status_code == 403
    assert not Membership.objects.filter(worker=newcomer).exists()
