"""Reviewing and building a cohort from the programme's page: a durable job, run end to end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.audit.models import AuditEvent
from jaring.enrolment.models import CohortJob, Membership
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(tegal_operator):
    for i, village in enumerate(["33.28.01.2001"] * 3 + ["33.28.01.2002"] * 2):
        data = WorkerInput(nik=f"33280152039000{i + 1:02d}", name=f"Siti {i}", sex="F", village_code=village,
                           birth_date=date(1990, 3, 12))  # fmt: skip
        worker_register(actor=tegal_operator, data=data)
    # Four workers' iuran for 12 months (4 × 12 × Rp 16.800): the fifth is left out for the budget.
    inp = ProgrammeInput(region_code="33.28", name="Pekerja Rentan 2027", segment="bpu", start=date(2027, 1, 1),
                         months=12, budget=Decimal(806_400))  # fmt: skip
    return programme_create(actor=None, inp=inp, today=date(2026, 12, 3))


def test_the_review_shows_villages_and_reasons_and_the_button_to_its_editor(client_for, tegal_operator, programme):
    html = client_for(tegal_operator).get(f"/program/{programme.pk}/kohort/bangun/").content.decode()
    assert "Prupuk Selatan" in html
    assert "Anggaran tidak cukup" in html
    assert 'id="build-form"' in html
    assert "Bangun kohort" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("village_operator", 200), ("auditor", 200), ("sponsor_user", 404), ("leader", 403), ("bekasi_operator", 404)],
)
def test_readers_see_the_review_without_the_button(request, client_for, programme, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(f"/program/{programme.pk}/kohort/bangun/")
    assert response.status_code == status
    assert 'id="build-form"' not in response.content.decode()


def test_the_button_builds_the_cohort_as_a_job(client_for, tegal_operator, programme):
    client = client_for(tegal_operator)
    response = client.post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    job = CohortJob.objects.get()
    assert response.headers["Location"] == f"/program/{programme.pk}/kohort/tugas/{job.pk}/"
    assert "Menunggu giliran" in client.get(response.headers["Location"]).content.decode()
    assert not Membership.objects.exists()
    assert jobs_run_pending() == 2  # the cohort, then the coverage refresh its success queued
    job.refresh_from_db()
    assert (job.status, job.summary["proposed"], job.summary["blocked"]) == ("done", 4, {})
    assert job.summary["left_out"] == {"BUDGET.EXHAUSTED": 1}
    assert Membership.objects.filter(programme=programme, status="proposed").count() == 4
    assert {"cohort.job.start", "cohort.enrol"} <= set(AuditEvent.objects.values_list("action", flat=True))
    html = client.get(response.headers["Location"]).content.decode()
    assert "Kohort dibangun: 4 pekerja diusulkan sebagai peserta." in html
    # Built again, nobody is enrolled twice and the budget is not spent twice: the four members used it all.
    client.post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    jobs_run_pending()
    second = CohortJob.objects.order_by("-created_at")[0]
    assert (second.summary["proposed"], second.summary["blocked"]) == (0, {"COVERED.ALREADY": 4})
    assert (
        "Sudah terlindungi pada bulan yang sama"
        in client.get(f"/program/{programme.pk}/kohort/tugas/{second.pk}/").content.decode()
    )


def test_a_second_click_while_building_follows_the_running_job(client_for, tegal_operator, programme):
    client = client_for(tegal_operator)
    first = client.post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    second = client.post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    assert CohortJob.objects.count() == 1
    assert first.headers["Location"] == second.headers["Location"]


@pytest.mark.parametrize(("persona", "status"), [("village_operator", 403), ("auditor", 403), ("bekasi_operator", 404)])
def test_only_the_programmes_region_builds(request, client_for, programme, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    assert response.status_code == status
    assert not CohortJob.objects.exists()


def test_a_starter_who_lost_the_right_gets_a_failed_job_not_a_cohort(client_for, tegal_operator, programme):
    client_for(tegal_operator).post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    tegal_operator.role = "auditor"
    tegal_operator.save()
    jobs_run_pending()
    job = CohortJob.objects.get()
    assert job.status == "failed"
    assert "tidak berhak lagi" in job.error
    assert not Membership.objects.exists()


def test_the_job_page_is_scoped(client_for, tegal_operator, bekasi_operator, programme):
    client_for(tegal_operator).post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    job = CohortJob.objects.get()
    assert client_for(bekasi_operator).get(f"/program/{programme.pk}/kohort/tugas/{job.pk}/").status_code == 404


def test_the_programme_list_counts_members_by_status_and_a_village_counts_its_own(
    client_for, tegal_operator, village_operator, programme
):
    cohort_enrol(actor=tegal_operator, programme=programme)
    assert "Diusulkan: 4" in client_for(tegal_operator).get("/program/").content.decode()
    # The budget buys four workers: the three of the village operator's own village, one of the next.
    assert "Diusulkan: 3" in client_for(village_operator).get("/program/").content.decode()


def test_the_review_spends_only_what_the_members_leave_of_the_budget(client_for, tegal_operator, programme):
    from jaring.funding.models import Programme

    cohort_enrol(actor=tegal_operator, programme=programme)
    Programme.objects.filter(pk=programme.pk).update(budget=Decimal(1_008_000))  # one worker more
    html = client_for(tegal_operator).get(f"/program/{programme.pk}/kohort/bangun/").content.decode()
    assert "4 peserta yang sudah ada memakai Rp 806.400" in html
    assert '<td id="plan-workers">1</td>' in html
