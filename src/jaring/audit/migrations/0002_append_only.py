"""Audit events are append-only: the database itself refuses UPDATE and DELETE."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER audit_event_no_update;", "DROP TRIGGER audit_event_no_delete;"]

POSTGRES = [
    """CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$;""",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();",
    # TRUNCATE bypasses row triggers; refuse it too.
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER audit_event_no_truncate ON audit_auditevent;",
    "DROP TRIGGER audit_event_no_change ON audit_auditevent;",
    "DROP FUNCTION audit_event_refuse_change();",
]


def _run(statements: dict[str, list[str]]):
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
