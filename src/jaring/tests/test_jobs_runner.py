"""The job runner and the dead-job sweep, on the import job (the first kind of job)."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jaring.imports import jobs as import_jobs
from jaring.imports.models import ImportJob, JobStatus
from jaring.jobs import runner
from jaring.jobs.recovery import DEAD, jobs_recover_dead
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db

CSV = (
    "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan\n"
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani\n"
)


@pytest.fixture
def start(settings, tmp_path, tegal_operator):
    settings.VAR_DIR = tmp_path

    def make(content: str = CSV, name: str = "desa.csv") -> ImportJob:
        upload = SimpleUploadedFile(name, content.encode(), content_type="text/csv")
        return import_jobs.import_job_start(
            actor=tegal_operator, upload=upload, source="uji", strict=False, dry_run=False
        )

    return make


def test_a_started_job_is_a_queued_row_and_a_queue_entry(start):
    job = start()
    assert job.status == JobStatus.QUEUED
    entry = DBTaskResult.objects.get()
    assert entry.args_kwargs["args"] == ["imports.ImportJob", str(job.pk)]


def test_the_worker_runs_it_records_stages_and_removes_the_upload(start, monkeypatch):
    seen: list[tuple[str, str]] = []
    real = runner._Reporter.__call__

    def spy(self, stage, done, total):
        real(self, stage, done, total)
        seen.append((stage, ImportJob.objects.get(pk=self.job_id).stage))

    monkeypatch.setattr(runner._Reporter, "__call__", spy)
    job = start()
    upload = import_jobs.upload_path(job)
    assert upload is not None
    assert oct(upload.stat().st_mode & 0o777) == "0o600"
    assert oct(upload.parent.stat().st_mode & 0o777) == "0o700"
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.summary["created"] == 1
    assert job.summary["committed"] is True
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.worker.startswith(socket.gethostname()[:20])
    assert Worker.objects.filter(nik="3328015203900001").exists()
    # Stages outside a transaction are on the row as they happen; the registry stage is announced first.
    stored = [row for stage, row in seen if stage == row]
    assert {"read", "registry"} <= set(stored)
    assert import_jobs.upload_path(job) is None
    # The import's task, and the refresh of coverage's aggregates that its success queued.
    assert sorted(r.status for r in DBTaskResult.objects.all()) == ["SUCCESSFUL", "SUCCESSFUL"]


def test_a_refused_file_fails_with_its_own_message(start):
    job = start("", "kosong.csv")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error
    assert "Traceback" not in job.error
    assert import_jobs.upload_path(job) is None


def test_an_unexpected_error_fails_with_a_message_free_of_data(start, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("3328015203900001 Siti Aminah")

    monkeypatch.setattr(import_jobs, "import_workers", boom)
    job = start()
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == runner.UNEXPECTED
    assert "3328" not in job.error
    assert import_jobs.upload_path(job) is None


def test_a_job_runs_once_even_when_its_queue_entry_comes_twice(start):
    job = start()
    jobs_run_pending()
    runner.job_execute(ImportJob, str(job.pk))
    assert Worker.objects.count() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def _running(job: ImportJob, *, worker: str, heartbeat_minutes_ago: int = 0) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        worker=worker,
        heartbeat_at=timezone.now() - timedelta(minutes=heartbeat_minutes_ago),
    )


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_the_sweep_fails_jobs_of_a_dead_process_here_and_clears_the_upload(start):
    job = start()
    _running(job, worker=f"{socket.gethostname()}:{_dead_pid()}:abcd")
    assert jobs_recover_dead() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == DEAD
    assert job.finished_at is not None
    assert import_jobs.upload_path(job) is None


def test_the_sweep_keeps_a_live_worker_and_a_fresh_heartbeat_elsewhere(start):
    here = start()
    elsewhere = start(name="lain.csv")
    _running(here, worker=f"{socket.gethostname()}:{os.getpid()}:abcd", heartbeat_minutes_ago=1)
    _running(elsewhere, worker="server-lain:123:abcd", heartbeat_minutes_ago=1)
    assert jobs_recover_dead() == 0
    assert set(ImportJob.objects.values_list("status", flat=True)) == {JobStatus.RUNNING}


def test_the_sweep_fails_a_job_whose_heartbeat_stopped(start, settings):
    job = start()
    _running(job, worker="server-lain:123:abcd", heartbeat_minutes_ago=settings.JARING_JOB_STALE_MINUTES + 1)
    assert jobs_recover_dead() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_a_job_failed_by_the_sweep_is_not_run_later(start):
    job = start()
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=DEAD)
    jobs_run_pending()
    assert not Worker.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(start, settings):
    settings.JARING_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValueError, match="Berkas terlalu besar"):
        start()
    assert not ImportJob.objects.exists()


def test_a_long_file_name_is_shortened_and_a_long_typed_source_refused(start, tegal_operator):
    job = start(name="d" * 300 + ".csv")
    assert len(job.original_name) == 255
    assert job.original_name.endswith(".csv")
    assert len(job.source) <= 120
    upload = SimpleUploadedFile("desa.csv", CSV.encode(), content_type="text/csv")
    with pytest.raises(ValueError, match="Sumber data paling banyak 120"):
        import_jobs.import_job_start(actor=tegal_operator, upload=upload, source="s" * 121, strict=False, dry_run=False)
