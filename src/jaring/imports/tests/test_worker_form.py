"""The form for one worker (issue 9): the import's rules, the registry's services, scope and roles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.audit.models import AuditEvent
from jaring.registry.models import Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db

VALID = {
    "nik": "3328015203900001",
    "name": "siti  aminah",
    "sex": "",
    "birth_date": "",
    "village_code": "33.28.01.2001",
    "occupation": "",
    "income": "Rp 1.500.000",
    "phone": "0812-3456-7890",
    "decile": "",
    "source": "isian manual",
}


def test_new_worker_is_registered_through_the_service_and_audited(client_for, tegal_operator):
    response = client_for(tegal_operator).post("/pekerja/baru/", VALID)
    worker = Worker.objects.get(nik="3328015203900001")
    assert response.status_code == 302
    assert response["Location"] == f"/pekerja/{worker.pk}/"
    # Normalised as the import does: the name's case and spaces, the rupiah, the phone; sex and birth from the NIK.
    assert (worker.name, worker.income, worker.phone) == ("Siti Aminah", Decimal(1_500_000), "081234567890")
    assert (worker.sex, worker.birth_date) == ("F", date(1990, 3, 12))
    assert AuditEvent.objects.filter(action="worker.register", actor=tegal_operator).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nik": "33280152039"}, "nik", "NIK harus terdiri dari 16 digit"),
        ({"nik": ""}, "nik", "NIK kosong"),
        ({"name": "S1ti"}, "name", "Nama hanya boleh berisi huruf"),
        ({"name": ""}, "name", "Nama kosong"),
        ({"birth_date": "31/02/1990"}, "birth_date", "tidak dapat dibaca"),
        ({"birth_date": "01/01/2999"}, "birth_date", "ada di masa depan"),
        ({"income": "banyak"}, "income", "Penghasilan &quot;banyak&quot; tidak dapat dibaca"),
        ({"phone": "12345"}, "phone", "tidak dikenali (harus diawali 08 atau 62)."),
        ({"decile": "12"}, "decile", "bukan angka 1 sampai 10"),
        ({"village_code": ""}, "village_code", "Desa/kelurahan kosong"),
        ({"village_code": "32.16.01.2001"}, "village_code", "tidak ada di wilayah Anda"),
    ],
)
def test_the_import_rules_answer_next_to_the_field(client_for, tegal_operator, changes, field, message):
    response = client_for(tegal_operator).post("/pekerja/baru/", {**VALID, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="{field}-errors"' in html
    errors = html[html.index(f'id="{field}-errors"') :].split("</ul>")[0]
    assert message in errors
    assert not Worker.objects.exists()


def test_nik_consistency_warnings_are_shown_and_the_worker_kept(client_for, tegal_operator):
    client = client_for(tegal_operator)
    response = client.post("/pekerja/baru/", {**VALID, "sex": "L", "birth_date": "13/03/1990"}, follow=True)
    html = response.content.decode()
    assert "berbeda dengan tanggal lahir di NIK (12/03/1990)" in html
    assert "Jenis kelamin berbeda dengan yang tersirat di NIK" in html
    assert Worker.objects.get().sex == "M"


def test_a_nik_taken_in_another_region_is_refused_without_disclosing_it(client_for, tegal_operator, bekasi_operator):
    worker_register(
        actor=bekasi_operator,
        data=WorkerInput(nik="3328015203900001", name="Rahasia Bekasi", sex="F", village_code="32.16.01.2001"),
    )
    html = client_for(tegal_operator).post("/pekerja/baru/", VALID).content.decode()
    assert "NIK 332801******0001 sudah terdaftar." in html
    assert "Rahasia Bekasi" not in html
    assert "32.16" not in html.split('id="nik-errors"')[1].split("</ul>")[0]
    assert Worker.objects.count() == 1


def test_village_operator_may_only_choose_their_village(client_for, village_operator):
    client = client_for(village_operator)
    html = client.get("/pekerja/baru/").content.decode()
    assert 'value="33.28.01.2001"' in html
    assert 'value="33.28.01.2002"' not in html
    response = client.post("/pekerja/baru/", {**VALID, "village_code": "33.28.01.2002"})
    assert "tidak ada di wilayah Anda" in response.content.decode()
    assert not Worker.objects.exists()


def test_correction_goes_through_worker_update_and_keeps_the_nik(client_for, tegal_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    client = client_for(tegal_operator)
    form = client.get(f"/pekerja/{worker.pk}/ubah/").content.decode()
    assert 'value="Siti Aminah"' in form
    posted = {**VALID, "nik": "3328015203909999", "name": "Siti Aminah Rahayu", "village_code": "33.28.01.2002"}
    response = client.post(f"/pekerja/{worker.pk}/ubah/", posted)
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.nik, worker.name, worker.village_id) == ("3328015203900001", "Siti Aminah Rahayu", "33.28.01.2002")
    event = AuditEvent.objects.get(action="worker.update")
    assert {"name", "village_id", "income", "phone"} <= set(event.summary["fields"])
    # The history names who corrected it (a change without an import batch once broke the detail page).
    detail = client.get(f"/pekerja/{worker.pk}/")
    assert detail.status_code == 200
    assert (tegal_operator.get_full_name() or "operator.tegal") in detail.content.decode()


def test_correction_is_judged_by_the_same_rules(client_for, tegal_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    response = client_for(tegal_operator).post(f"/pekerja/{worker.pk}/ubah/", {**VALID, "phone": "99"})
    assert 'id="phone-errors"' in response.content.decode()
    worker.refresh_from_db()
    assert worker.phone == ""


@pytest.mark.parametrize("persona", ["auditor", "bpjs_officer", "tegal_admin", "leader"])
def test_roles_that_may_not_write_get_no_form_and_no_button(client_for, tegal_operator, persona, request):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/pekerja/baru/").status_code == 403
    assert client.post(f"/pekerja/{worker.pk}/ubah/", VALID).status_code == 403
    if persona != "leader":
        assert "/pekerja/baru/" not in client.get("/pekerja/").content.decode()
        assert f"/pekerja/{worker.pk}/ubah/" not in client.get(f"/pekerja/{worker.pk}/").content.decode()


def test_writers_see_the_buttons(client_for, tegal_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    client = client_for(tegal_operator)
    assert 'href="/pekerja/baru/"' in client.get("/pekerja/").content.decode()
    assert f'href="/pekerja/{worker.pk}/ubah/"' in client.get(f"/pekerja/{worker.pk}/").content.decode()


def test_worker_of_another_region_cannot_be_opened_for_correction(client_for, tegal_operator, bekasi_operator):
    worker = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    assert client_for(bekasi_operator).get(f"/pekerja/{worker.pk}/ubah/").status_code == 404
    assert client_for(bekasi_operator).post(f"/pekerja/{worker.pk}/ubah/", VALID).status_code == 404
