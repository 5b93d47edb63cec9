"""PostgreSQL: new workers' name tokens are inserted without ``ON CONFLICT DO NOTHING``.

A new worker's id is new, and the delete and truncate triggers take a removed worker's tokens with it, so
no token row can exist for a row this statement inserts; ``DISTINCT`` already removes repeats within the
statement. The conflict check cost about 6 s of the 20 s token fill of a first million workers
(bench/RESULTS.md, "schema floors"). Should a token ever be left behind against this reasoning, the insert
fails with the primary key's error instead of passing silently.
"""

from django.db import migrations

TOKENS = "unnest(string_to_array(n.search_name || ' ' || n.name_key, ' '))"
# Fixed SQL: no value from outside reaches it. bench/schema_floors.py times the same statement.
INSERT = f"""INSERT INTO registry_worker_token (token, worker_id)
        SELECT DISTINCT t, n.id FROM new_rows n, {TOKENS} t WHERE t <> '' ORDER BY 1, 2"""  # noqa: S608


def _function(conflict: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION registry_worker_token_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {INSERT}{conflict};
        RETURN NULL;
    END $$"""


def _replace(conflict: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(_function(conflict), params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_worker_source_index")]

    operations = [
        migrations.RunPython(_replace(""), _replace("\n        ON CONFLICT DO NOTHING")),
    ]
