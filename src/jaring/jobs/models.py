"""The state every long job shares, as rows any process can read (ADR 0008).

Each kind of job is its own concrete model (an import keeps its file name and flags, a billing run
its month) built on `Job`; the runner (`runner.py`) and the dead-job sweep (`recovery.py`) work on
any of them through `JOB_MODELS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


@dataclass(frozen=True)
class Progress:
    stage: str
    label: str
    done: int
    total: int
    percent: int


class Job(models.Model):
    # Dotted path of `handler(job, report) -> summary dict`; set by each concrete model.
    HANDLER: ClassVar[str] = ""
    # Stage code -> label shown while the job runs, in the order the stages come.
    STAGES: ClassVar[dict[str, StrOrPromise]] = {}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The starting user's region: the job is visible inside it only.
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    stage = models.CharField(max_length=20, blank=True)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    summary = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # host:pid:nonce of the worker process running it, and when that process last said it was alive.
    worker = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def progress(self) -> Progress | None:
        if self.status != JobStatus.RUNNING or not self.stage:
            return None
        order = list(self.STAGES)
        index = order.index(self.stage) if self.stage in order else 0
        within = self.done / self.total if self.total else 0.0
        percent = min(99, int(100 * (index + within) / max(1, len(order))))
        return Progress(self.stage, str(self.STAGES.get(self.stage, self.stage)), self.done, self.total, percent)
