"""Jobs whose worker died: found when a worker starts (and every few minutes after), marked failed.

A job is dead when its worker process is gone from this host, or when no heartbeat came for
`JARING_JOB_STALE_MINUTES` (a worker on another host). Its writes were in a transaction that died
with the process, so nothing is half-written; the handler's `on_dead` hook removes its files.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from jaring.jobs.identity import identity_is_dead_here
from jaring.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)

DEAD = (
    "Proses pekerja latar berhenti saat tugas ini berjalan (mis. server dimatikan). Tidak ada data yang "
    "tersimpan sebagian; silakan jalankan lagi."
)


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def jobs_recover_dead() -> int:
    """Marks the running jobs of dead workers failed; returns how many."""
    stale_before = timezone.now() - timedelta(minutes=settings.JARING_JOB_STALE_MINUTES)
    recovered = 0
    for model in job_models():
        running = model._default_manager.filter(status=JobStatus.RUNNING)
        candidates = running.filter(Q(heartbeat_at__lt=stale_before) | Q(heartbeat_at__isnull=True)).values_list(
            "pk", flat=True
        )
        dead = set(candidates)
        for pk, worker in running.exclude(pk__in=dead).values_list("pk", "worker"):
            if identity_is_dead_here(worker):
                dead.add(pk)
        for pk in dead:
            # The status condition keeps a job that finished meanwhile as it is.
            if model._default_manager.filter(pk=pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, error=DEAD, stage="", finished_at=timezone.now()
            ):
                recovered += 1
                log.warning("job %s (%s) recovered as failed: its worker died", pk, model._meta.label)
                on_dead = getattr(model, "ON_DEAD", "")
                if on_dead:
                    import_string(on_dead)(model._default_manager.get(pk=pk))
    return recovered
