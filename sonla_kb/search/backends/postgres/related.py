"""Related records: those sharing most of a record's most telling words (by tf-idf)."""

import json
import logging
from typing import Any

from django.db import DatabaseError, connection, models, transaction

from ...documents import doc_id, source_for
from .tokens import quoted

log = logging.getLogger(__name__)
OWN_FEEDBACK = 10  # feedback on the record itself, found alike but already on its page
NUMTERMS = 12


def related_records(record: models.Model, *, limit: int = 5) -> list[dict[str, Any]]:
    """Up to `limit` public records most alike this one (empty when search is down)."""
    source = source_for(record)
    if source is None:
        return []
    letter = "v" if getattr(record, "language", "en") == "vi" else "e"
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "SELECT fields->>'url', (SELECT count(*) FROM search_document) FROM"
                " search_document WHERE id = %s",
                [doc_id(source, record.pk)],
            )
            row = cur.fetchone()
            if row is None:
                return []
            page, total = row[0].partition("#")[0], row[1]
            # The record's words of its language, the rarest in the index weighing most.
            cur.execute(
                "SELECT t.lexeme FROM search_document d, unnest(d.vector) AS t"
                " JOIN search_word w ON w.word = t.lexeme"
                " WHERE d.id = %s AND t.lexeme LIKE %s AND w.docs > 1"
                " ORDER BY cardinality(t.positions) * ln(%s::float / w.docs) DESC, t.lexeme"
                " LIMIT %s",
                [doc_id(source, record.pk), f"{letter}:%", total + 1, NUMTERMS],
            )
            terms = [r[0] for r in cur.fetchall()]
            if not terms:
                return []
            query = " | ".join(quoted(t) for t in terms)
            cur.execute(
                "SELECT fields FROM search_document WHERE vector @@ %s::tsquery AND id <> %s"
                " ORDER BY ts_rank(vector, %s::tsquery) DESC, id LIMIT %s",
                [query, doc_id(source, record.pk), query, limit + 1 + OWN_FEEDBACK],
            )
            hits = [json.loads(r[0]) for r in cur.fetchall()]  # jsonb read as text
    except DatabaseError:
        log.exception("Related records could not be read from PostgreSQL")
        return []
    return [
        {
            "title": h["title"],
            "url": h["url"],
            "type": h["type"],
            "sample": h.get("sample"),
            "language": h.get("language"),
        }
        for h in hits
        if h["url"].partition("#")[0] != page
    ][:limit]
