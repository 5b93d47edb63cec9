"""Running a job: claim it, call its handler with a progress reporter, and end it in a visible state.

Jobs are enqueued through Django's task interface (the django-tasks backport with its database
backend): the queue entry is written in the same transaction as the job row, so a job exists for a
worker exactly when its row is committed. Progress is written to the job row in short autocommit
updates. While the handler is inside a transaction (an import's registry stage) progress is not
written: on SQLite that transaction holds the write lock and its rows are invisible anyway; the stage
shown is the one announced before the transaction began.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, connection
from django.dispatch import Signal
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from jaring.jobs.identity import worker_identity
from jaring.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
# Sent when a job has ended well: apps above jobs react without the job's app knowing them (coverage's
# aggregates are refreshed after imports, cohorts, BPJS's answers and billing runs).
job_done = Signal()

Report = Callable[[str, int, int], None]
Handler = Callable[[Any, Report], dict[str, Any]]

UNEXPECTED = (
    "Terjadi galat tak terduga saat menjalankan tugas ini. Tidak ada data yang tersimpan sebagian; "
    "silakan jalankan lagi, dan hubungi administrator bila galat berulang."
)


class JobRefused(Exception):
    """A job that cannot be done as asked; `message` is shown to the user as it is (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def job_enqueue(job: Job) -> None:
    """Queue `job` (already saved) for a worker; call inside the transaction that created it."""
    job_run.enqueue(job._meta.label, str(job.pk))


@task()
def job_run(model_label: str, job_id: str) -> None:
    job_execute(apps.get_model(model_label), job_id)


def job_execute(model: type[Job], job_id: str, *, observer: Report | None = None) -> None:
    """Runs a queued job in this process with the handler its model names."""
    handler: Handler = import_string(model.HANDLER)

    def run(report: Report) -> dict[str, Any]:
        job = model._default_manager.select_related("user", "region").get(pk=job_id)
        return handler(job, report)

    job_run_here(model, job_id, run, observer=observer)


def job_run_here(
    model: type[Job], job_id: str, run: Callable[[Report], dict[str, Any]], *, observer: Report | None = None
) -> None:
    """Claims a queued job for this process and runs `run(report)`, keeping its row as a worker does (a
    command-line import runs in the foreground this way, visible on the web page like any other job)."""
    now = timezone.now()
    claimed = model._default_manager.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, worker=worker_identity()
    )
    if not claimed:  # already run, or failed by a sweep while it waited
        return
    reporter = _Reporter(model, job_id, observer=observer)
    with _heartbeat(model, job_id):
        try:
            summary = run(reporter)
        except JobRefused as exc:
            _finish(model, job_id, status=JobStatus.FAILED, error=exc.message)
        except Exception:  # a job must end in a visible state, whatever went wrong
            log.exception("job %s (%s) failed", job_id, model._meta.label)
            _finish(model, job_id, status=JobStatus.FAILED, error=UNEXPECTED)
        else:
            _finish(model, job_id, status=JobStatus.DONE, summary=summary)
            job_done.send(sender=model, job_id=job_id, summary=summary)


def _finish(
    model: type[Job], job_id: str, *, status: str, error: str = "", summary: dict[str, Any] | None = None
) -> None:
    fields: dict[str, Any] = {"status": status, "error": error, "finished_at": timezone.now(), "stage": ""}
    if summary is not None:
        fields["summary"] = summary
    model._default_manager.filter(pk=job_id).update(**fields)


class _Reporter:
    """`report(stage, done, total)`: at most a few writes a second, always one on a new stage."""

    def __init__(self, model: type[Job], job_id: str, *, every: float = 0.5, observer: Report | None = None) -> None:
        self.model, self.job_id, self.every, self.observer = model, job_id, every, observer
        self.stage = ""
        self.last = 0.0
        # Writes only at the depth the job started at, never inside a transaction the handler opened.
        self.depth = len(connection.atomic_blocks)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.observer is not None:
            self.observer(stage, done, total)
        now = time.monotonic()
        if stage == self.stage and now - self.last < self.every:
            return
        if len(connection.atomic_blocks) > self.depth:
            return
        self.stage, self.last = stage, now
        self.model._default_manager.filter(pk=self.job_id).update(
            stage=stage, done=done, total=total, heartbeat_at=timezone.now()
        )


@contextmanager
def _heartbeat(model: type[Job], job_id: str) -> Iterator[None]:
    """Says "still alive" from a thread of its own, so a long step does not look like a dead worker."""
    stop = threading.Event()
    interval = settings.JARING_JOB_HEARTBEAT_SECONDS

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    running = model._default_manager.filter(pk=job_id, status=JobStatus.RUNNING)
                    running.update(heartbeat_at=timezone.now())
                except Exception:  # a locked SQLite file or a dropped connection: try again later
                    log.debug("heartbeat of job %s skipped", job_id, exc_info=True)
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval)
