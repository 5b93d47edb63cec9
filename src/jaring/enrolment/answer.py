"""BPJS's answer to a collective registration: Status Y activates (with the KPJ when given), T cancels
with BPJS's Keterangan as the reason, carried back to whoever proposed the worker.

All or nothing per file: a malformed row (NIK, Status, KPJ, a repeated NIK or KPJ) refuses the whole file
with every bad row listed, and nothing changes. A valid NIK that is not in this programme's cohort is
reported as unknown and the rest applies. Applying the same file again changes nothing (every row is
then "unchanged"). Set-based: the file is judged in Polars, the changes staged and applied by one UPDATE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, transaction

from jaring.accounts.access import NotInScope, code_in_scope
from jaring.audit.services import audit_record
from jaring.enrolment.models import Status
from jaring.enrolment.services import db_stamp
from jaring.funding.models import Programme
from jaring.imports.headers import FileRejected, header_key
from jaring.imports.reader import ROW, Limits, read_table
from jaring.refusal import Refused
from jaring.registry.bulk import copy_rows, temp_table

RULES = {
    "NIK.FORMAT": "NIK harus 16 digit angka.",
    "STATUS.UNKNOWN": "Status harus Y (diterima) atau T (ditolak).",
    "KPJ.FORMAT": "Nomor KPJ harus 11 digit angka.",
    "NIK.REPEATED": "NIK ini muncul lebih dari sekali dalam berkas.",
    "KPJ.REPEATED": "Nomor KPJ yang sama diberikan kepada lebih dari satu NIK.",
}
_STATUS_WORDS = {"Y": "Y", "YA": "Y", "DITERIMA": "Y", "T": "T", "TIDAK": "T", "DITOLAK": "T"}
_COLUMN_KEYS = {
    "status": {"status", "statusyt", "hasil", "statusverifikasi"},
    "note": {"keterangan", "ket", "alasan", "catatan"},
    "kpj": {"kpj", "nokpj", "nomorkpj", "nokartu", "nomorkartu"},
}
MAX_ROWS = 2_000_000
NOT_IN_COHORT = "NIK tidak ada dalam kohort program ini."


class AnswerRefused(Refused):
    """BPJS's answer file refused whole (unreadable, a clash with another cohort): nothing was applied."""


@dataclass
class AnswerResult:
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    unknown: int = 0
    unchanged: int = 0
    errors_by_rule: dict[str, int] = field(default_factory=dict)
    # (row in the file, rule code, Indonesian message): the bad rows, and the unknown NIKs.
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    applied: bool = False

    def as_json(self) -> dict[str, object]:
        # Exactly the keys of the interface (`jaring bpjs answer --json`).
        return {
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unknown": self.unknown,
            "unchanged": self.unchanged,
            "errors_by_rule": self.errors_by_rule,
        }


def _column(columns: tuple[str, ...], kind: str) -> str | None:
    return next((c for c in columns if header_key(c) in _COLUMN_KEYS[kind]), None)


def _read(path: Path) -> pl.DataFrame:
    """NIK, status, note and KPJ of each row, as text, with the row number of the user's file."""
    table = read_table(path, limits=Limits(max_rows=MAX_ROWS), require=None)
    columns = table.columns
    status = _column(columns, "status")
    if status is None:
        raise AnswerRefused("FILE.NO_STATUS", "Kolom Status (Y/T) tidak ditemukan di berkas jawaban BPJS.")
    note, kpj = _column(columns, "note"), _column(columns, "kpj")
    nik = columns[table.mapping.fields["nik"]]
    return table.frame.select(
        pl.col(ROW).alias("row"),
        pl.col(nik).str.replace_all(r"[\s.'`]", "").alias("nik"),
        pl.col(status).str.strip_chars().str.to_uppercase().replace_strict(_STATUS_WORDS, default=None).alias("yt"),
        (pl.col(note).str.strip_chars() if note else pl.lit(None, pl.String)).fill_null("").alias("note"),
        (pl.col(kpj).str.replace_all(r"[\s.\-]", "") if kpj else pl.lit(None, pl.String)).alias("kpj"),
    ).with_columns(pl.when(pl.col("kpj") == "").then(None).otherwise(pl.col("kpj")).alias("kpj"))


def _problems(frame: pl.DataFrame) -> pl.DataFrame:
    checks = [
        ("NIK.FORMAT", ~pl.col("nik").fill_null("").str.contains(r"^\d{16}$")),
        ("STATUS.UNKNOWN", pl.col("yt").is_null()),
        ("KPJ.FORMAT", pl.col("kpj").is_not_null() & ~pl.col("kpj").str.contains(r"^\d{11}$")),
        ("NIK.REPEATED", pl.col("nik").is_duplicated()),
        ("KPJ.REPEATED", pl.col("kpj").is_not_null() & (pl.col("nik").n_unique().over("kpj") > 1)),
    ]
    return pl.concat(
        [frame.filter(cond.fill_null(False)).select("row", code=pl.lit(code)) for code, cond in checks]
    ).sort("row", "code")


def _cohort(programme: Programme) -> pl.DataFrame:
    sql = (
        "SELECT m.id, w.nik, m.status, m.kpj, m.reason FROM enrolment_membership m "
        "JOIN registry_worker w ON w.id = m.worker_id WHERE m.programme_id = %s AND m.status IN (%s, %s, %s, %s)"
    )
    statuses = [Status.PROPOSED, Status.SUBMITTED, Status.ACTIVE, Status.CANCELLED]
    with connection.cursor() as cursor:
        cursor.execute(sql, [programme.pk, *statuses])
        rows = cursor.fetchall()
    names = ("membership_id", "nik", "status", "old_kpj", "reason")
    frame = pl.DataFrame(rows, schema={n: pl.Int64 if n == "membership_id" else pl.String for n in names}, orient="row")
    # A worker may have had a cancelled membership and a new one in the same programme: the newest answers.
    return frame.sort("membership_id").unique("nik", keep="last")


def _apply(changes: pl.DataFrame) -> None:
    stage = temp_table([("id", "bigint"), ("status", "varchar(10)"), ("kpj", "varchar(11)"), ("reason", "text")])
    rows = changes.select(
        pl.col("membership_id").alias("id"),
        pl.col("new_status").alias("status"),
        pl.col("new_kpj").alias("kpj"),
        pl.col("new_reason").alias("reason"),
    )
    copy_rows(stage, ["id", "status", "kpj", "reason"], rows)
    # The stage's name is made by temp_table, never typed: the only text put into the statement.
    update = (
        "UPDATE enrolment_membership SET status = s.status, kpj = s.kpj, reason = s.reason, updated_at = %s "  # noqa: S608
        f"FROM {stage} s WHERE enrolment_membership.id = s.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(update, [db_stamp()])
        cursor.execute(f"DROP TABLE {stage}")


def answer_apply(*, actor: Any, programme: Programme, path: Path) -> AnswerResult:
    if actor is not None and not code_in_scope(actor, programme.region_id):
        raise NotInScope(f"Program nomor {programme.pk} tidak ditemukan.")
    try:
        frame = _read(path)
    except FileRejected as exc:
        raise AnswerRefused(exc.code, exc.message) from exc
    result = AnswerResult(rows=frame.height)
    bad = _problems(frame)
    if bad.height:
        result.errors_by_rule = dict(sorted(bad.group_by("code").len().iter_rows()))
        result.problems = [(row, code, RULES[code]) for row, code in bad.iter_rows()]
        return result
    with transaction.atomic():
        judged = frame.join(_cohort(programme), on="nik", how="left")
        unknown = judged.filter(pl.col("membership_id").is_null())
        result.unknown = unknown.height
        result.problems = [(row, "NIK.NOT_IN_COHORT", NOT_IN_COHORT) for row in unknown["row"]]
        accepted = pl.col("yt") == "Y"
        known = judged.filter(pl.col("membership_id").is_not_null()).with_columns(
            new_status=pl.when(accepted).then(pl.lit(Status.ACTIVE.value)).otherwise(pl.lit(Status.CANCELLED.value)),
            new_kpj=pl.when(accepted).then(pl.coalesce("kpj", "old_kpj")).otherwise(pl.col("old_kpj")).fill_null(""),
            new_reason=pl.when(accepted)
            .then(pl.lit(""))
            .otherwise(pl.concat_str(pl.lit("Ditolak BPJS: "), pl.col("note")).str.slice(0, 255)),
        )
        same = (
            (pl.col("new_status") == pl.col("status"))
            & (pl.col("new_kpj") == pl.col("old_kpj"))
            & (pl.col("new_reason") == pl.col("reason"))
        )
        changes = known.filter(~same)
        result.unchanged = known.height - changes.height
        result.accepted = changes.filter(pl.col("yt") == "Y").height
        result.rejected = changes.filter(pl.col("yt") == "T").height
        try:
            with connection.wrap_database_errors:
                _apply(changes)
        except IntegrityError as exc:
            raise AnswerRefused(
                "MEMBERSHIP.OVERLAP",
                "Sebagian pekerja yang diterima sudah didanai oleh kohort lain pada bulan yang sama; tidak ada "
                "yang diubah.",
            ) from exc
        audit_record(
            actor=actor,
            action="cohort.answer",
            obj=programme,
            region_code=programme.region_id,
            summary={**result.as_json(), "file": path.name},
        )
    result.applied = True
    return result
