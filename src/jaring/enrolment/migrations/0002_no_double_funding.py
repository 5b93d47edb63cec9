"""No worker is funded twice for the same day: the database refuses it, whatever the code above does.

PostgreSQL: an exclusion constraint over (worker, covered days) for memberships that fund (btree_gist,
a trusted extension since PostgreSQL 13: a database owner may create it). Two concurrent enrolments of
one worker: the second waits for the first and then fails. SQLite: triggers on insert and update; SQLite
runs one writer at a time, so the check cannot race.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The check as the trigger's WHEN clause: SQLite then probes the (worker, start) index once a row (about
# 1 µs); the same test written as "SELECT RAISE(...) WHERE EXISTS (...)" in the body cost 30 µs a row.
_OVERLAP = (
    "WHEN NEW.status <> 'cancelled' AND EXISTS (SELECT 1 FROM enrolment_membership m "
    "WHERE m.worker_id = NEW.worker_id AND m.status <> 'cancelled' "
    'AND m.start <= NEW."end" AND NEW.start <= m."end"{other}) '
    "BEGIN SELECT RAISE(ABORT, 'MEMBERSHIP.OVERLAP: pekerja sudah didanai pada hari yang sama'); END;"
)
SQLITE = [
    "CREATE TRIGGER membership_no_double_funding_insert BEFORE INSERT ON enrolment_membership "
    + _OVERLAP.format(other=""),
    'CREATE TRIGGER membership_no_double_funding_update BEFORE UPDATE OF worker_id, start, "end", status '
    "ON enrolment_membership " + _OVERLAP.format(other=" AND m.id <> NEW.id"),
]
SQLITE_REVERSE = [
    "DROP TRIGGER membership_no_double_funding_insert;",
    "DROP TRIGGER membership_no_double_funding_update;",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist;",
    "ALTER TABLE enrolment_membership ADD CONSTRAINT membership_no_double_funding "
    "EXCLUDE USING gist (worker_id WITH =, daterange(start, \"end\", '[]') WITH &&) "
    "WHERE (status <> 'cancelled');",
]
POSTGRES_REVERSE = ["ALTER TABLE enrolment_membership DROP CONSTRAINT membership_no_double_funding;"]


def _run(statements: dict[str, list[str]]):
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("enrolment", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
