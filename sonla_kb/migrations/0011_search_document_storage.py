"""The PostgreSQL search table laid out for reading (sonla_kb/search/backends/postgres/).

- The tsvector stays in the row (STORAGE MAIN; it hardly compresses, so it was stored out
  of line, and every ranking or bonus test of a matching record read it back from the
  TOAST table again). The stored fields, read only for a page of results, go out of line
  in its place.
- The small columns a search filters and counts by are never moved out of line (STORAGE
  PLAIN): with a long tsvector in the row PostgreSQL would otherwise move them too, even a
  record's few theme ids, and every facet count would read them from the TOAST table.
- The `words` column goes: it held the tsvector's own lexemes (``tsvector_to_array``
  gives them back when a document is removed), and made every row wider.
- A `length` column: the number of words ts_rank normalises by (tokens.py), so that the
  exact-accent words may be held without their positions. Rows already there get the
  length of their vector, which still holds every position.
- Each record's theme ids held in its vector ("G:"), and counted in the vocabulary, as
  tokens.py now writes them: the facets of every record are the vocabulary's counts.
- With no words typed, a search lists every record (those its filters keep): an index of
  the facet columns counts them without reading the rows, and an index of each date order
  finds the page without sorting them all.

Only on PostgreSQL: on SQLite this migration does nothing. The table's owner may do all of
it; no superuser is needed. Rows written before it keep their old layout until the next
``rebuild_index``.
"""

from django.db import migrations

SMALL = ("id", "type", "language", "year", "tagids", "fingerprint")
FORWARD = [
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE MAIN",
    *(
        f"ALTER TABLE search_document ALTER COLUMN {column} SET STORAGE PLAIN"
        for column in SMALL
    ),
    "ALTER TABLE search_document DROP COLUMN words",
    "ALTER TABLE search_document ADD COLUMN length integer NOT NULL DEFAULT 0",
    """UPDATE search_document SET length = (
        SELECT coalesce(sum(greatest(coalesce(array_length(positions, 1), 0), 1)), 0)
        FROM unnest(vector)
    )""",
    """UPDATE search_document
        SET vector = vector || array_to_tsvector(array(SELECT 'G:' || t FROM unnest(tagids) t))
        WHERE tagids <> '{}'""",
    """INSERT INTO search_word (word, docs)
        SELECT 'G:' || t, count(*) FROM search_document, unnest(tagids) AS t GROUP BY 1
        ON CONFLICT (word) DO UPDATE SET docs = EXCLUDED.docs""",
    "CREATE INDEX search_document_facets ON search_document (type, year, language, tagids)",
    "CREATE INDEX search_document_newest ON search_document (datenum DESC NULLS LAST, id)",
    "CREATE INDEX search_document_oldest ON search_document (datenum ASC NULLS LAST, id)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_oldest",
    "DROP INDEX IF EXISTS search_document_newest",
    "DROP INDEX IF EXISTS search_document_facets",
    "DELETE FROM search_word WHERE word LIKE 'G:%%'",
    """UPDATE search_document SET vector = ts_delete(vector, array(
        SELECT w FROM unnest(tsvector_to_array(vector)) AS w WHERE w LIKE 'G:%%'))""",
    "ALTER TABLE search_document DROP COLUMN length",
    "ALTER TABLE search_document ADD COLUMN words text[] NOT NULL DEFAULT '{}'",
    "UPDATE search_document SET words = tsvector_to_array(vector)",
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE EXTENDED",
    *(
        f"ALTER TABLE search_document ALTER COLUMN {column} SET STORAGE EXTENDED"
        for column in SMALL
    ),
]


def _run(statements):
    # Run with parameters (an empty list): '%%' stands for the LIKE wildcard.
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, params=[])

    return run


class Migration(migrations.Migration):
    dependencies = [("sonla_kb", "0010_postgres_search")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
