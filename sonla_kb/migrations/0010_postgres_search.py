"""The tables of the PostgreSQL search backend (sonla_kb/search/backends/postgres/).

Only on PostgreSQL: on SQLite this migration does nothing. pg_trgm is a trusted extension
(PostgreSQL 13 and later), so the database's owner creates it; no superuser is needed.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE search_document (
        id text PRIMARY KEY,
        type text NOT NULL,
        language text,
        year text,
        datenum integer,
        tagids text[] NOT NULL DEFAULT '{}',
        fields jsonb NOT NULL,
        fingerprint text NOT NULL,
        words text[] NOT NULL DEFAULT '{}',
        vector tsvector NOT NULL
    )""",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    "CREATE TABLE search_word (word text PRIMARY KEY, docs integer NOT NULL)",
    "CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops)",
    "CREATE INDEX search_word_prefix ON search_word (word text_pattern_ops)",
    """CREATE TABLE search_state (
        id integer PRIMARY KEY, version bigint NOT NULL, built boolean NOT NULL
    )""",
    "INSERT INTO search_state VALUES (1, 0, false)",
]
DROP = [
    "DROP TABLE IF EXISTS search_state",
    "DROP TABLE IF EXISTS search_word",
    "DROP TABLE IF EXISTS search_document",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("sonla_kb", "0009_attachment_claim_named")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
