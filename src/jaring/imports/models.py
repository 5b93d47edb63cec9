from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.jobs.models import Job, JobStatus

__all__ = ["ImportJob", "JobStatus"]


class ImportJob(Job):
    """One uploaded file and what became of it; status and progress are rows any process reads."""

    HANDLER = "jaring.imports.jobs.import_job_run"
    ON_DEAD = "jaring.imports.jobs.job_files_clear_upload"
    STAGES = {
        "read": _("Membaca berkas"),
        "normalise": _("Menormalkan isian"),
        "validate": _("Memeriksa aturan"),
        "dedupe": _("Mencari duplikat"),
        "registry": _("Menyimpan ke registri"),
        "report": _("Menulis laporan"),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, default="workers")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    source = models.CharField(_("sumber data"), max_length=120)
    strict = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    # The first rejected, warned and dropped rows (``examples.import_examples``): the page shows them from here,
    # whichever process ran the job. NIKs in it are masked.
    examples = models.JSONField(default=dict, blank=True)

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"
