"""A cohort build keeps who it left out and why with its job; the review page shows it after the build."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.enrolment.cohort_left_out import left_out_summary
from jaring.enrolment.models import CohortJob
from jaring.funding.models import Programme
from jaring.funding.planner import plan_programme
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.models import Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
OWN, OTHER = "33.28.01.2001", "33.28.01.2002"


@pytest.fixture
def programme(tegal_operator):
    # Two workers of each village; the first of the neighbour's is over 65 on the start date. The budget buys
    # one worker: two more of the eligible are left out for the budget.
    people = [("01", OWN, date(1990, 3, 12)), ("02", OWN, date(1991, 3, 12)), ("03", OTHER, date(1950, 3, 12)),
              ("04", OTHER, date(1992, 3, 12))]  # fmt: skip
    for n, village, born in people:
        data = WorkerInput(nik=f"33280152039000{n}", name=f"Siti {n}", sex="F", village_code=village, birth_date=born)
        worker_register(actor=tegal_operator, data=data)
    inp = ProgrammeInput(region_code="33.28", name="Pekerja Rentan 2027", segment="bpu", start=date(2027, 1, 1),
                         months=12, budget=Decimal(201_600))  # fmt: skip
    return programme_create(actor=None, inp=inp, today=date(2026, 12, 3))


def _build(client, programme) -> CohortJob:
    client.post(f"/program/{programme.pk}/kohort/bangun/mulai/")
    jobs_run_pending()
    return CohortJob.objects.latest("created_at")


def test_the_build_keeps_counts_and_first_rows_per_reason_with_masked_nik(client_for, tegal_operator, programme):
    job = _build(client_for(tegal_operator), programme)
    assert job.summary["left_out"] == {"AGE.OVER_MAX": 1, "BUDGET.EXHAUSTED": 2}
    rows = job.summary["left_out_rows"]
    assert [r["nik"] for r in rows["AGE.OVER_MAX"]] == ["332801******0003"]
    assert rows["AGE.OVER_MAX"][0]["village"] == "Kaligayam"
    assert len(rows["BUDGET.EXHAUSTED"]) == 2
    assert "3328015203900003" not in str(job.summary)


def test_rows_per_reason_are_capped_but_counts_are_whole(programme):
    plan = plan_programme(programme, what_if=None)
    summary = left_out_summary(plan.left_out, per_reason=1)
    assert summary["left_out"] == {"AGE.OVER_MAX": 1, "BUDGET.EXHAUSTED": 2}
    assert {code: len(rows) for code, rows in summary["left_out_rows"].items()} == {
        "AGE.OVER_MAX": 1,
        "BUDGET.EXHAUSTED": 1,
    }
    assert left_out_summary(None) == {"left_out": {}, "left_out_rows": {}}


def test_the_review_shows_the_last_build_as_it_was_after_the_registry_changed(client_for, tegal_operator, programme):
    client = client_for(tegal_operator)
    job = _build(client, programme)
    # After the build the old worker leaves the registry's reach and the budget grows: the plan of today no
    # longer leaves anyone out for age or budget; the build's record still says who it left out.
    Worker.objects.filter(nik="3328015203900003").update(birth_date=date(1980, 1, 1))
    Programme.objects.filter(pk=programme.pk).update(budget=Decimal(201_600 * 10))
    html = client.get(f"/program/{programme.pk}/kohort/bangun/").content.decode()
    section = html[html.index('id="built-left-out"') : html.index("</section>", html.index('id="built-left-out"'))]
    assert "Melewati usia maksimum pada tanggal mulai" in section
    assert "332801******0003" in section
    assert "Anggaran tidak cukup" in section
    assert "3328015203900003" not in html
    job_page = client.get(f"/program/{programme.pk}/kohort/tugas/{job.pk}/").content.decode()
    assert "332801******0003" in job_page


def test_a_village_operator_sees_only_its_villages_rows(client_for, tegal_operator, village_operator, programme):
    _build(client_for(tegal_operator), programme)
    html = client_for(village_operator).get(f"/program/{programme.pk}/kohort/bangun/").content.decode()
    section = html[html.index('id="built-left-out"') : html.index("</section>", html.index('id="built-left-out"'))]
    # Counts are the programme's; the rows only the village operator's own village (Prupuk Selatan).
    assert "Melewati usia maksimum pada tanggal mulai" in section
    assert "332801******0002" in section
    assert "332801******0003" not in section
    assert "332801******0004" not in section
