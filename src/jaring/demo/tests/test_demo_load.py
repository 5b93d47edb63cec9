"""The demo loader: its village lists arrive as import jobs that succeed, with reports the page offers."""

from __future__ import annotations

import pytest

from jaring.demo import load
from jaring.imports.jobs import report_path
from jaring.imports.models import ImportJob, JobStatus
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db


def test_demo_imports_are_finished_jobs_and_a_second_load_changes_nothing(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(load, "DEMO_VILLAGE_COUNT", 2)
    monkeypatch.setattr(load, "ROWS_PER_VILLAGE", 60)
    load.demo_users()
    results = load.demo_imports()
    assert [r.village for r in results] == [v.name for v in load.demo_villages()]
    jobs = list(ImportJob.objects.all())
    assert len(jobs) == 2
    assert {job.status for job in jobs} == {JobStatus.DONE}, [job.error for job in jobs]
    assert all(job.summary["created"] > 0 for job in jobs)
    assert Worker.objects.count() == sum(job.summary["created"] for job in jobs)
    with_rejections = [job for job in jobs if job.summary["rejected"]]
    assert with_rejections, "the demo's lists carry defects on purpose"
    assert all(report_path(job).exists() for job in with_rejections)
    load.demo_imports()
    assert ImportJob.objects.count() == 2
