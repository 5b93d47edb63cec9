"""The funnel's last step, "billed": members of a programme with at least one iuran line in a bill, per
village and source (the 594-paid-for-557-enrolled gap of the field notes shows here)."""

from __future__ import annotations

import polars as pl
from django.db import connection


def billed_members(programme_id: int, prefix: str) -> pl.DataFrame:
    sql = (
        "SELECT w.village_id, w.source, COUNT(*) FROM enrolment_membership m "
        "JOIN registry_worker w ON w.id = m.worker_id "
        "WHERE m.programme_id = %s AND w.village_id >= %s AND w.village_id < %s AND EXISTS "
        "(SELECT 1 FROM billing_billline l WHERE l.membership_id = m.id AND l.kind = 'i') "
        "GROUP BY w.village_id, w.source"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [programme_id, prefix, f"{prefix}/"])
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"village_id": pl.String, "source": pl.String, "billed": pl.Int64}, orient="row")
