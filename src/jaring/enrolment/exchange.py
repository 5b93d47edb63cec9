"""The collective registration file for BPJS: one row per worker of a cohort, columns by layout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.audit.services import audit_record
from jaring.enrolment.models import ExchangeLayout, Status
from jaring.funding.models import Programme
from jaring.refusal import Refused

# Every field a layout may place, with its default header (the order is the default layout's).
FIELDS = {
    "nik": "NIK",
    "name": "Nama",
    "birth_place": "Tempat Lahir",
    "birth_date": "Tanggal Lahir",
    "sex": "Jenis Kelamin",
    "address": "Alamat",
    "village_code": "Kode Desa",
    "village_name": "Desa/Kelurahan",
    "district_code": "Kode Kecamatan",
    "district_name": "Kecamatan",
    "occupation": "Pekerjaan",
    "income": "Penghasilan",
    "programmes": "Program",
    "start": "Mulai",
    "end": "Sampai",
    "wadah": "Kode Wadah",
    "sponsor": "Pemberi Dana",
}
DEFAULT_LAYOUT = [{"field": field, "header": header} for field, header in FIELDS.items()]
PROGRAMMES = {"bpu-basic": "JKK, JKM", "bpu-jht": "JKK, JKM, JHT"}
# Spreadsheet programs run a cell starting with one of these as a formula (CSV/formula injection).
_FORMULA_START = r"^[=+\-@\t\r]"


class ExchangeRefused(Refused):
    """A file exchange with BPJS refused (an empty cohort, a layout without NIK, an upload of the wrong type)."""


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path


def layout_for(region_code: str) -> list[dict[str, str]]:
    """The region's layout, else its province's, else the default."""
    for code in (region_code, region_code.split(".")[0]):
        layout = ExchangeLayout.objects.filter(region_id=code).first()
        if layout is not None:
            return [c for c in layout.columns if c.get("field") in FIELDS]
    return DEFAULT_LAYOUT


def _rows(programme: Programme) -> pl.DataFrame:
    sql = (
        "SELECT w.nik, w.name, w.birth_place, CAST(w.birth_date AS TEXT), w.sex, w.address, w.village_id, "
        "v.name, d.code, d.name, COALESCE(o.name, w.occupation_text), "
        'CAST(m.start AS TEXT), CAST(m."end" AS TEXT) '
        "FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
        "JOIN regions_region v ON v.code = w.village_id LEFT JOIN regions_region d ON d.code = v.parent_id "
        "LEFT JOIN registry_occupation o ON o.code = w.occupation_id "
        "WHERE m.programme_id = %s AND m.status IN (%s, %s) AND w.village_id >= %s AND w.village_id < %s "
        "ORDER BY w.village_id, w.search_name, w.id"
    )
    names = [
        "nik", "name", "birth_place", "birth_date", "sex", "address", "village_code", "village_name",
        "district_code", "district_name", "occupation", "start", "end",
    ]  # fmt: skip
    with connection.cursor() as cursor:
        # Only workers still living in the programme's region: one who moved out is another region's now.
        region = programme.region_id
        cursor.execute(sql, [programme.pk, Status.PROPOSED, Status.SUBMITTED, f"{region}.", f"{region}/"])
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")


def _sponsors(programme: Programme) -> tuple[str, str]:
    shares = sorted(programme.sponsors.select_related("sponsor"), key=lambda s: (-s.share, s.pk))
    text = ", ".join(f"{s.sponsor.name} ({s.share.normalize():f}%)" for s in shares)
    return text, (shares[0].wadah if shares else "")


def _frame(programme: Programme, layout: list[dict[str, str]]) -> pl.DataFrame:
    sponsor, wadah = _sponsors(programme)
    frame = _rows(programme).with_columns(
        pl.col("birth_date", "start", "end").str.to_date("%Y-%m-%d", strict=False),
        pl.col("sex").replace_strict({"M": "L", "F": "P"}, default=None),
        income=pl.lit(int(programme.income)),
        programmes=pl.lit(PROGRAMMES.get(programme.package, "JKK, JKM")),
        wadah=pl.lit(wadah),
        sponsor=pl.lit(sponsor),
    )
    texts = [c for c, t in frame.schema.items() if t == pl.String]
    frame = frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA_START)).then("'" + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in texts
    )
    return frame.select(pl.col(c["field"]).alias(c["header"]) for c in layout)


def registration_export(*, actor: Any, programme: Programme, path: Path) -> ExportResult:
    """Writes the file, then marks the proposed memberships as submitted (one transaction, audited).
    Already submitted ones are written again: a lost file can be made anew."""
    if actor is not None and not code_in_scope(actor, programme.region_id):
        raise NotInScope(f"Program nomor {programme.pk} tidak ditemukan.")
    if not path.parent.is_dir():
        raise ExchangeRefused("FILE.FOLDER", f"Folder {path.parent} tidak ada.")
    with transaction.atomic():
        frame = _frame(programme, layout_for(programme.region_id))
        if frame.height == 0:
            raise ExchangeRefused("COHORT.EMPTY", "Belum ada kepesertaan yang diusulkan untuk program ini.")
        dates = [c["header"] for c in layout_for(programme.region_id) if c["field"] in {"birth_date", "start", "end"}]
        # The file holds full NIKs: made owner-only before anything is written into it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        path.chmod(0o600)
        frame.write_excel(
            path,
            worksheet="Pendaftaran",
            column_formats=dict.fromkeys(dates, "dd/mm/yyyy"),
            header_format={"bold": True},
            autofit=frame.height <= 5000,
            table_style=None,
        )
        submitted = programme.memberships.filter(status=Status.PROPOSED).update(
            status=Status.SUBMITTED, updated_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="cohort.export",
            obj=programme,
            region_code=programme.region_id,
            summary={"rows": frame.height, "submitted": submitted, "file": path.name},
        )
    return ExportResult(rows=frame.height, path=path)
