"""Indexes for the registry pages at a million workers and more (issue 8).

- The village foreign key's own index goes: it is the prefix of (village, search_name), which answers the
  same lookups, and every import paid for both.
- search_name's index becomes (search_name, id): the list's order with its tie-break, so a page of a
  5M-row registry does not sort the ~35,000 rows sharing the first name by id (80 ms on PostgreSQL).
- registry_worker_token: one row per word and per spelling key of each worker's name, keyed by
  (token, worker_id), so a name search reads the workers whose words start with the typed word from an
  index instead of scanning every name. Triggers keep it in step with registry_worker on both databases
  (imports write the table directly, past the ORM): row triggers on SQLite, statement triggers with
  transition tables on PostgreSQL (one set-based insert per COPY, in index order: a sorted insert into
  the primary key touches each index page once instead of at random). The table is an accelerator only: the
  selector re-checks every candidate against the name itself. Not a Django model: nothing reads it but
  `registry.selectors`, through SQL.
"""

from django.db import migrations, models

# Tokens of a row: the words of search_name and of name_key (both only [a-z0-9 ], one space apart). The
# replace() calls keep a stray quote or backslash from breaking the JSON array SQLite splits them with.
_SQLITE_TOKENS = (
    "json_each('[\"' || replace(replace(replace(trim({r}.search_name || ' ' || {r}.name_key), '\\', ''), "
    "'\"', ''), ' ', '\",\"') || '\"]')"
)
SQLITE = [
    "CREATE TABLE registry_worker_token (token TEXT NOT NULL, worker_id INTEGER NOT NULL, "
    "PRIMARY KEY (token, worker_id)) WITHOUT ROWID",
    f"""CREATE TRIGGER registry_worker_token_insert AFTER INSERT ON registry_worker BEGIN
        INSERT OR IGNORE INTO registry_worker_token (token, worker_id)
        SELECT value, NEW.id FROM {_SQLITE_TOKENS.format(r="NEW")} WHERE value <> '';
    END""",
    f"""CREATE TRIGGER registry_worker_token_update AFTER UPDATE OF search_name, name_key ON registry_worker
    WHEN OLD.search_name IS NOT NEW.search_name OR OLD.name_key IS NOT NEW.name_key BEGIN
        DELETE FROM registry_worker_token WHERE worker_id = OLD.id
            AND token IN (SELECT value FROM {_SQLITE_TOKENS.format(r="OLD")});
        INSERT OR IGNORE INTO registry_worker_token (token, worker_id)
        SELECT value, NEW.id FROM {_SQLITE_TOKENS.format(r="NEW")} WHERE value <> '';
    END""",
    f"""CREATE TRIGGER registry_worker_token_delete AFTER DELETE ON registry_worker BEGIN
        DELETE FROM registry_worker_token WHERE worker_id = OLD.id
            AND token IN (SELECT value FROM {_SQLITE_TOKENS.format(r="OLD")});
    END""",
    f"""INSERT OR IGNORE INTO registry_worker_token (token, worker_id)
        SELECT value, w.id FROM registry_worker w, {_SQLITE_TOKENS.format(r="w")} WHERE value <> ''""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER registry_worker_token_insert",
    "DROP TRIGGER registry_worker_token_update",
    "DROP TRIGGER registry_worker_token_delete",
    "DROP TABLE registry_worker_token",
]

_PG_TOKENS = "unnest(string_to_array({r}.search_name || ' ' || {r}.name_key, ' '))"
_PG_CHANGED = "o.search_name IS DISTINCT FROM n.search_name OR o.name_key IS DISTINCT FROM n.name_key"
POSTGRESQL = [
    # The C collation makes the word-prefix range (token >= 'siti' AND token < 'sitj') exact in any locale.
    'CREATE TABLE registry_worker_token (token text COLLATE "C" NOT NULL, worker_id integer NOT NULL, '
    "PRIMARY KEY (token, worker_id))",
    f"""CREATE FUNCTION registry_worker_token_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO registry_worker_token (token, worker_id)
        SELECT DISTINCT t, n.id FROM new_rows n, {_PG_TOKENS.format(r="n")} t WHERE t <> '' ORDER BY 1, 2
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION registry_worker_token_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM registry_worker_token x USING (
            SELECT o.id, t FROM old_rows o JOIN new_rows n ON n.id = o.id, {_PG_TOKENS.format(r="o")} t
            WHERE {_PG_CHANGED}
        ) d WHERE x.worker_id = d.id AND x.token = d.t;
        INSERT INTO registry_worker_token (token, worker_id)
        SELECT DISTINCT t, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id, {_PG_TOKENS.format(r="n")} t
        WHERE t <> '' AND ({_PG_CHANGED})
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION registry_worker_token_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM registry_worker_token x USING (
            SELECT o.id, t FROM old_rows o, {_PG_TOKENS.format(r="o")} t
        ) d WHERE x.worker_id = d.id AND x.token = d.t;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION registry_worker_token_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE registry_worker_token;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER registry_worker_token_insert AFTER INSERT ON registry_worker REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION registry_worker_token_insert()",
    "CREATE TRIGGER registry_worker_token_update AFTER UPDATE ON registry_worker "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION registry_worker_token_update()",
    "CREATE TRIGGER registry_worker_token_delete AFTER DELETE ON registry_worker REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION registry_worker_token_delete()",
    "CREATE TRIGGER registry_worker_token_truncate AFTER TRUNCATE ON registry_worker "
    "FOR EACH STATEMENT EXECUTE FUNCTION registry_worker_token_truncate()",
    f"""INSERT INTO registry_worker_token (token, worker_id)
        SELECT DISTINCT t, w.id FROM registry_worker w, {_PG_TOKENS.format(r="w")} t WHERE t <> '' ORDER BY 1, 2""",
    "ANALYZE registry_worker_token",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER registry_worker_token_insert ON registry_worker",
    "DROP TRIGGER registry_worker_token_update ON registry_worker",
    "DROP TRIGGER registry_worker_token_delete ON registry_worker",
    "DROP TRIGGER registry_worker_token_truncate ON registry_worker",
    "DROP FUNCTION registry_worker_token_insert(), registry_worker_token_update(), "
    "registry_worker_token_delete(), registry_worker_token_truncate()",
    "DROP TABLE registry_worker_token",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
        ("registry", "0003_worker_move_request"),
    ]

    operations = [
        migrations.AlterField(
            model_name="worker",
            name="village",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="desa/kelurahan domisili",
            ),
        ),
        migrations.AlterField(
            model_name="worker",
            name="search_name",
            field=models.CharField(max_length=150),
        ),
        migrations.AddIndex(
            model_name="worker",
            index=models.Index(fields=["search_name", "id"], name="worker_name_id"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
