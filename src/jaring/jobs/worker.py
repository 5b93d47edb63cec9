"""The job worker: django-tasks-db's worker loop, with a dead-job sweep at start and every few minutes."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jaring.jobs.identity import worker_identity
from jaring.jobs.recovery import jobs_recover_dead

log = logging.getLogger(__name__)
SWEEP_EVERY_SECONDS = 120.0


class JaringWorker(Worker):
    def __init__(self, *, interval: float, batch: bool) -> None:
        super().__init__(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_identity()[:64],
            excluded_queue_names=[],
        )
        self.next_sweep = 0.0

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        self._sweep()
        super().run_task(db_task_result)

    def _sweep(self) -> None:
        if time.monotonic() < self.next_sweep:
            return
        self.next_sweep = time.monotonic() + SWEEP_EVERY_SECONDS
        jobs_recover_dead()


def worker_run(*, interval: float = 1.0, batch: bool = False) -> None:
    """Runs queued jobs until stopped (or, with `batch`, until none is left)."""
    worker = JaringWorker(interval=interval, batch=batch)
    recovered = jobs_recover_dead()
    if recovered:
        log.warning("%s job(s) of a dead worker marked failed", recovered)
    worker.next_sweep = time.monotonic() + SWEEP_EVERY_SECONDS
    if not batch:
        worker.configure_signals()
    worker.run()


def jobs_run_pending() -> int:
    """Runs every queued job in this process and returns how many (tests run jobs this way).

    Unlike the worker loop it never closes the connection, so it works inside a test's transaction.
    """
    worker = JaringWorker(interval=0, batch=True)
    ran = 0
    while True:
        with transaction.atomic():
            entry = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS).get_locked()
            if entry is None:
                return ran
            entry.claim(worker.worker_id)
        worker.run_task(entry)
        ran += 1
