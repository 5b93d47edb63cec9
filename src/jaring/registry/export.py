"""Exporting the worker list (issue 9): every row the list's filter selects, not only the page shown,
written by the job worker (ADR 0009) to an owner-only file under var/ that only its exporter downloads.

The rows are read with one SQL statement in slices into Polars frames (no model object per row); the
NIK is masked unless the exporter asked for full NIKs and may see them (as on the detail page).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connection, transaction
from django.db.models import BigIntegerField, CharField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from jaring.accounts.access import NotInScope, has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.jobs.runner import JobRefused, Report, job_enqueue
from jaring.regions.models import Region
from jaring.registry.export_xlsx import write_workers_xlsx
from jaring.registry.models import Occupation, Segment, Worker, WorkerExport
from jaring.registry.selectors import WorkerFilter, check_filter, workers_search
from jaring.rules.nik import mask_nik, mask_nik_expr, normalize_nik

FETCH_SLICE = 20_000
FILE_NAME = "daftar-pekerja.xlsx"

# The columns read, in order, with their Polars types; dates and money cast in SQL to portable types.
_READ = {
    "nik": ("nik", pl.String),
    "name": ("name", pl.String),
    "sex": ("sex", pl.String),
    "birth_place": ("birth_place", pl.String),
    "birth_date": ("birth_text", pl.String),
    "address": ("address", pl.String),
    "village_code": ("village_id", pl.String),
    "village": ("village__name", pl.String),
    "district": ("village__parent__name", pl.String),
    "occupation_name": ("occupation__name", pl.String),
    "occupation_text": ("occupation_text", pl.String),
    "income": ("income_whole", pl.Int64),
    "phone": ("phone", pl.String),
    "decile": ("decile", pl.Int64),
    "source": ("source", pl.String),
}


def may_see_full_nik(user: Any) -> bool:
    """The detail page and the API show the full NIK to whoever may open a worker (``access_worker``)."""
    return has_capability(user, Cap.WORKERS_VIEW)


def export_dir(job_id: str) -> Path:
    # Personal data: under var/ (outside the code tree), never in a static or media folder.
    return Path(settings.VAR_DIR) / "exports" / job_id


def export_path(job: WorkerExport) -> Path:
    return export_dir(str(job.pk)) / FILE_NAME


@transaction.atomic
def worker_export_start(*, actor: Any, filters: WorkerFilter, full_nik: bool) -> WorkerExport:
    """Queues an export of the list as ``filters`` select it. Raises SearchTooLong for an oversized filter."""
    require_capability(actor, Cap.WORKERS_VIEW)
    if full_nik and not may_see_full_nik(actor):
        raise PermissionDenied("Peran Anda tidak mengizinkan ekspor NIK lengkap.")
    check_filter(filters)
    job = WorkerExport.objects.create(
        user=actor,
        region_id=scope_code(actor),
        filters=asdict(filters),
        full_nik=full_nik,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="worker.export.start",
        obj=job,
        region_code=job.region_id or "",
        summary={"filters": filter_summary(filters), "full_nik": full_nik},
    )
    job_enqueue(job)
    return job


def exports_for(user: Any) -> QuerySet[WorkerExport]:
    """A user's own exports: the file holds what the exporter's scope and choice allowed, nobody else's."""
    require_capability(user, Cap.WORKERS_VIEW)
    return WorkerExport.objects.filter(user=user)


def access_export(user: Any, job_id: str) -> WorkerExport:
    job = exports_for(user).filter(pk=job_id).first()
    if job is None:
        raise NotInScope("Ekspor tidak ditemukan.")
    return job


@transaction.atomic
def worker_export_download(*, actor: Any, job: WorkerExport) -> Path:
    """The finished file; taking it away is an audited act, like opening a worker."""
    path = export_path(job)
    if not path.exists():
        raise NotInScope("Berkas ekspor tidak ada (belum selesai, gagal, atau sudah dihapus).")
    audit_record(
        actor=actor,
        action="worker.export.download",
        obj=job,
        region_code=job.region_id or "",
        summary={"rows": job.summary.get("rows"), "full_nik": job.full_nik},
    )
    return path


def job_filter(job: WorkerExport) -> WorkerFilter:
    known = {f.name for f in fields(WorkerFilter)}
    return WorkerFilter(**{k: str(v) for k, v in job.filters.items() if k in known})


def worker_export_run(job: WorkerExport, report: Report) -> dict[str, Any]:
    """The job handler: count (capped), read in slices, write the file, audit who exported what."""
    user = job.user
    if user is None or not user.is_active:
        raise JobRefused("Akun yang meminta ekspor ini tidak aktif lagi.")
    filters = job_filter(job)
    qs = workers_search(user, filters)
    limit = settings.JARING_EXPORT_MAX_ROWS
    report("read", 0, 0)
    count = qs.order_by().values("id")[: limit + 1].count()
    if count > limit:
        raise JobRefused(
            f"Daftar ini berisi lebih dari {_angka(limit)} pekerja, batas satu ekspor. Persempit penyaring "
            "(mis. pilih kecamatan atau desa) lalu ekspor lagi."
        )
    frame = _read(qs, count, report)
    if not job.full_nik or not may_see_full_nik(user):
        frame = frame.with_columns(mask_nik_expr("nik"))
    report("write", 0, frame.height)
    folder = export_dir(str(job.pk))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    partial = folder / f"{FILE_NAME}.part"
    # Owner-only from the first byte; renamed into place only when complete.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        write_workers_xlsx(
            frame,
            out,
            heading=heading(user, filters, rows=frame.height, full_nik=job.full_nik),
            progress=lambda done: report("write", done, frame.height),
        )
    partial.replace(export_path(job))
    with transaction.atomic():
        audit_record(
            actor=user,
            action="worker.export",
            obj=job,
            region_code=job.region_id or "",
            summary={"filters": filter_summary(filters), "rows": frame.height, "full_nik": job.full_nik},
        )
    return {"rows": frame.height}


def _read(qs: QuerySet[Worker], count: int, report: Report) -> pl.DataFrame:
    annotated = qs.annotate(
        birth_text=Cast("birth_date", CharField()), income_whole=Cast("income", BigIntegerField())
    ).values_list(*[column for column, _ in _READ.values()])
    schema = {name: dtype for name, (_, dtype) in _READ.items()}
    parts = [pl.DataFrame(schema=schema)]
    try:
        sql, params = annotated.query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing by construction (a source no name contains)
        return _derived(parts[0])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_SLICE):
            # Only the columns read: a name search's ordering annotation may follow them.
            parts.append(pl.DataFrame([row[: len(schema)] for row in rows], schema=schema, orient="row"))
            report("read", sum(p.height for p in parts), count)
    return _derived(pl.concat(parts, rechunk=True))


def _derived(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("birth_date").str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
        pl.col("sex").replace_strict({"F": "P", "M": "L"}, default=pl.col("sex")),
        pl.coalesce(pl.col("occupation_name"), pl.col("occupation_text").replace("", None)).alias("occupation"),
    )


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def filter_words(filters: WorkerFilter) -> list[str]:
    """The filter in Indonesian words, as the list page shows its choices."""
    words = []
    if text := filters.q.strip():
        nik = normalize_nik(text)
        words.append(f"NIK {mask_nik(nik)}" if nik and len(nik) == 16 else f'nama "{text}"')
    for field, label in (("district", "Kecamatan"), ("village", "Desa/Kelurahan")):
        if code := getattr(filters, field):
            region = Region.objects.filter(pk=code).first()
            words.append(f"{label} {region.name if region else code}")
    if filters.occupation:
        occupation = Occupation.objects.filter(pk=filters.occupation).first()
        words.append(f"pekerjaan {occupation.name if occupation else filters.occupation}")
    if filters.segment:
        words.append(f"segmen {dict(Segment.choices).get(filters.segment, filters.segment)}")
    if filters.source.strip():
        words.append(f'sumber memuat "{filters.source.strip()}"')
    return words


def filter_summary(filters: WorkerFilter) -> dict[str, str]:
    """The filter for the audit trail: the non-blank fields, a searched NIK masked (UU PDP 27/2022)."""
    summary = {k: v for k, v in asdict(filters).items() if v}
    nik = normalize_nik(filters.q.strip()) if filters.q.strip() else None
    if nik:
        summary["q"] = mask_nik(nik) if len(nik) == 16 else "*" * len(nik)
    return summary


def heading(user: Any, filters: WorkerFilter, *, rows: int, full_nik: bool) -> list[tuple[str, str]]:
    scope = scope_code(user)
    region = Region.objects.filter(pk=scope).first() if scope else None
    now = timezone.localtime()
    who = user.get_full_name() or user.username
    return [
        ("Diekspor oleh", f"{who} ({user.username})"),
        ("Waktu", f"{now:%d/%m/%Y %H:%M} {now:%Z}"),
        ("Wilayah", region.name if region else "Seluruh Indonesia"),
        ("Penyaring", "; ".join(filter_words(filters)) or "semua pekerja di wilayah ini"),
        ("NIK dalam berkas", "lengkap" if full_nik else "disamarkan (6 digit awal dan 4 digit akhir)"),
        ("Jumlah", f"{_angka(rows)} pekerja"),
    ]


def export_files_remove(job: WorkerExport) -> None:
    shutil.rmtree(export_dir(str(job.pk)), ignore_errors=True)
