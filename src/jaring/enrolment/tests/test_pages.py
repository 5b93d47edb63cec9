"""The cohort, funnel and exchange pages per role: who sees what, masked, scoped."""

from __future__ import annotations

import pytest

from jaring.enrolment.models import Membership
from jaring.enrolment.tests.conftest import OWN

pytestmark = pytest.mark.django_db

COHORT = {
    "tegal_operator": 200,
    "village_operator": 200,
    "sponsor_user": 200,
    "auditor": 200,
    "bpjs_officer": 200,
    "leader": 403,
    "bekasi_operator": 404,
}
EXCHANGE = COHORT | {"village_operator": 403, "sponsor_user": 403}


@pytest.mark.parametrize("persona", sorted(COHORT))
def test_pages_per_role(persona, request, cohort, client_for):
    programme, _ = cohort
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/program/{programme.pk}/kohort/").status_code == COHORT[persona]
    assert client.get(f"/program/{programme.pk}/kohort/susut/").status_code == COHORT[persona]
    assert client.get(f"/program/{programme.pk}/bpjs/").status_code == EXCHANGE[persona]


def test_operator_sees_every_member_masked_with_links_and_the_adjust_forms(cohort, tegal_operator, client_for):
    programme, _workers = cohort
    page = client_for(tegal_operator).get(f"/program/{programme.pk}/kohort/").content.decode()
    members = Membership.objects.filter(programme=programme).select_related("worker")
    assert members.count() == 3
    for m in members:
        assert m.worker.name in page
        assert m.worker.nik not in page
        assert f"{m.worker.nik[:6]}******{m.worker.nik[-4:]}" in page
        assert f'href="/pekerja/{m.worker_id}/"' in page
    assert "01/01/2027–31/12/2027" in page
    assert 'id="adjust-add"' in page
    assert ">Diusulkan<" in page
    assert ">proposed<" not in page


def test_village_operator_sees_only_its_village(cohort, village_operator, client_for):
    programme, _ = cohort
    page = client_for(village_operator).get(f"/program/{programme.pk}/kohort/").content.decode()
    own = Membership.objects.filter(programme=programme, worker__village_id=OWN).select_related("worker")
    others = Membership.objects.filter(programme=programme).exclude(worker__village_id=OWN).select_related("worker")
    assert own.exists()
    assert others.exists()
    assert all(m.worker.name in page for m in own)
    assert not any(m.worker.name in page for m in others)
    assert 'id="adjust-add"' not in page
    assert "Pertukaran berkas BPJS" not in page


def test_sponsor_sees_names_without_links_and_auditor_without_forms(cohort, sponsor_user, auditor, client_for):
    programme, _ = cohort
    page = client_for(sponsor_user).get(f"/program/{programme.pk}/kohort/").content.decode()
    assert "Siti Aminah" in page or "Sri Wahyuni" in page
    assert 'href="/pekerja/' not in page
    audit_page = client_for(auditor).get(f"/program/{programme.pk}/kohort/").content.decode()
    assert 'id="adjust-add"' not in audit_page


def test_member_list_filters_by_status_and_village(cohort, tegal_operator, client_for):
    programme, _ = cohort
    client = client_for(tegal_operator)
    m = Membership.objects.filter(programme=programme).select_related("worker")[0]
    Membership.objects.filter(pk=m.pk).update(status="cancelled", reason="Ditolak BPJS: NIK ganda")
    page = client.get(f"/program/{programme.pk}/kohort/?status=cancelled", headers={"HX-Request": "true"})
    body = page.content.decode()
    assert m.worker.name in body
    assert "Ditolak BPJS: NIK ganda" in body
    assert "1 peserta" in body
    other = client.get(f"/program/{programme.pk}/kohort/?village=33.28.01.2002", headers={"HX-Request": "true"})
    assert all(x.worker.village_id == "33.28.01.2002" or x.worker.name not in other.content.decode()
               for x in Membership.objects.filter(programme=programme).select_related("worker"))  # fmt: skip


def test_funnel_page_shows_the_steps_and_what_is_billed(cohort, tegal_operator, client_for):
    programme, _ = cohort
    page = client_for(tegal_operator).get(f"/program/{programme.pk}/kohort/susut/").content.decode()
    assert "Ditagih: <strong>0</strong>" in page
    assert "Melewati usia maksimum pada tanggal mulai" in page
    by_source = client_for(tegal_operator).get(f"/program/{programme.pk}/kohort/susut/?by=source").content.decode()
    assert "Musdes Prupuk" in by_source
    assert "Data HNSI" in by_source


def test_worker_page_lists_memberships_and_protection(cohort, tegal_operator, client_for):
    programme, _ = cohort
    m = Membership.objects.filter(programme=programme)[0]
    Membership.objects.filter(pk=m.pk).update(status="active", kpj="12345678901")
    page = client_for(tegal_operator).get(f"/pekerja/{m.worker_id}/").content.decode()
    assert "Kepesertaan" in page
    assert "Terlindungi sampai 31/12/2027" in page
    assert "12345678901" in page
    assert "PT Tegal Makmur" in page
    assert programme.name in page
