"""Stage labels of an import: the CLI's progress bar and the job page (through ImportJob) share them."""

from __future__ import annotations

from jaring.imports.models import ImportJob

STAGES = ImportJob.STAGES
