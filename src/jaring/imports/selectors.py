from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jaring.accounts.access import NotInScope, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.imports.models import ImportJob


def jobs_for(user: Any) -> QuerySet[ImportJob]:
    """Jobs started inside the user's region (a regency operator sees its villages' imports)."""
    require_capability(user, Cap.WORKERS_VIEW)
    scope = scope_code(user)
    if scope is None:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(Q(region__code=scope) | Q(region__code__startswith=f"{scope}."))


def access_job(user: Any, job_id: str) -> ImportJob:
    job = jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise NotInScope("Impor tidak ditemukan.")
    return job
