"""Review findings on issue 10's scope: membership ids of other regions, workers who moved away, the
registration file's permissions, a demoted starter's queued exchange job."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.enrolment.exchange import registration_export
from jaring.enrolment.selectors import memberships_for
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.models import Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def tegal_cohort(tegal_operator):
    for nik in ("3328015203900001", "3328015203900002"):
        data = WorkerInput(nik=nik, name="Siti", sex="F", village_code="33.28.01.2001", birth_date=date(1990, 3, 12))
        worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(
        region_code="33.28", name="Perlindungan Tegal Rahasia", segment="bpu", start=date(2027, 1, 1), months=12
    )
    programme = programme_create(actor=None, inp=inp, today=date(2026, 12, 3))
    cohort_enrol(actor=None, programme=programme)
    return programme


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t').plaintext}"})


def test_another_regions_membership_id_answers_like_an_unknown_one(tegal_cohort, bekasi_operator):
    membership = tegal_cohort.memberships.first()
    client = _api(bekasi_operator)
    theirs = client.post(f"/api/v1/memberships/{membership.pk}/status", {"status": "cancelled", "reason": "x"},
                         content_type="application/json")  # fmt: skip
    none = client.post("/api/v1/memberships/999999/status", {"status": "cancelled", "reason": "x"},
                       content_type="application/json")  # fmt: skip
    assert theirs.status_code == none.status_code == 404
    assert theirs.json()["code"] == none.json()["code"] == "MEMBERSHIP.NOT_FOUND"


def test_a_worker_who_moved_away_leaves_the_old_regions_lists_and_file(tegal_cohort, tegal_operator, tmp_path):
    moved = Worker.objects.get(nik="3328015203900002")
    Worker.objects.filter(pk=moved.pk).update(village_id="32.16.01.2001")
    assert memberships_for(tegal_operator, tegal_cohort).count() == 1
    path = tmp_path / "p.xlsx"
    assert registration_export(actor=None, programme=tegal_cohort, path=path).rows == 1
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_worker_page_shows_only_programmes_the_viewer_may_see(tegal_cohort, bekasi_operator, client_for):
    moved = Worker.objects.get(nik="3328015203900002")
    Worker.objects.filter(pk=moved.pk).update(village_id="32.16.01.2001")
    page = client_for(bekasi_operator).get(f"/pekerja/{moved.pk}/").content.decode()
    assert tegal_cohort.name not in page
    assert "Belum pernah menjadi peserta" in page
