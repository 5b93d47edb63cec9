"""Closing two holes in the append-only trail (issue 8, finding 9).

SQLite's ``INSERT OR REPLACE`` deletes the clashing row without firing DELETE triggers, so an event
could be rewritten: a BEFORE INSERT trigger refuses any insert whose id exists. PostgreSQL has no
REPLACE; its ``ON CONFLICT DO UPDATE`` already meets the UPDATE trigger.

The actor becomes PROTECT: deleting a user who acted used to fail inside the trigger (SET_NULL is an
UPDATE); now Django refuses it up front, and users are deactivated instead.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE = (
    "CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_auditevent "
    "WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
)
SQLITE_REVERSE = "DROP TRIGGER audit_event_no_replace;"


def _on_sqlite(sql: str):
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_on_sqlite(SQLITE), _on_sqlite(SQLITE_REVERSE)),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="pelaku",
            ),
        ),
    ]
