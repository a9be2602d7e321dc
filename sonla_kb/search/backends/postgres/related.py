"""Related records from PostgreSQL: the few most alike a record, by the key terms the common
code draws from its text in both languages and the glossary (sonla_kb/search/related.py).

A key term weighs by how telling it is (tf-idf, from the vocabulary's counts); a record
scores the weights of the terms and glossary forms it holds, as Whoosh ORs boosted terms.
"""

import json
import logging
from collections import Counter
from typing import Any

from django.db import DatabaseError, connection, models, transaction

from ... import related
from ...analysis import stem
from ...documents import doc_id, source_for
from . import vocabulary
from .tokens import LETTER, MAKE, lexeme, quoted

log = logging.getLogger(__name__)


def related_records(record: models.Model, *, limit: int = 5) -> list[dict[str, Any]]:
    """Up to `limit` public records most alike this one (empty when search is down)."""
    source = source_for(record)
    if source is None:
        return []
    own_id = doc_id(source, record.pk)
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "SELECT fields->>'url', fields->>'title', fields->>'content',"
                " (SELECT count(*) FROM search_document) FROM search_document WHERE id = %s",
                [own_id],
            )
            row = cur.fetchone()
            if row is None:
                return []
            page, title, content, total = row
            alike = related.alike(record, title=title, content=content)
            terms = _terms(alike, total=total)
            if not terms:
                return []
            hits = _alike(cur, terms, own_id=own_id, limit=limit + 1 + related.OWN_FEEDBACK)
    except DatabaseError:
        log.exception("Related records could not be read from PostgreSQL")
        return []
    return related.listed(hits, page=page, limit=limit)


def _key_terms(field: str, text: str, *, total: int, numterms: int) -> list[tuple[str, float]]:
    """The most telling words of a text in one field, as tsquery parts with their weights."""
    counts = Counter(lexeme(LETTER[field], w) for w in MAKE[field](text))
    if not counts:
        return []
    # A word only one record holds (the record itself, most often) finds no other record.
    docs = {w: n for w, n in vocabulary.counts(list(counts)).items() if n > 1}
    found = related.key_terms(counts, docs=docs, total=total, numterms=numterms)
    return [(quoted(word), weight) for word, weight in found]


def _form(words: tuple[str, ...]) -> str:
    """A glossary form as a phrase, in whichever language's text holds it."""
    vietnamese = " <-> ".join(quoted(lexeme("v", w)) for w in words)
    english = " <-> ".join(quoted(lexeme("e", stem(w))) for w in words)
    return f"({vietnamese}) | ({english})"


def _terms(alike: related.Alike, *, total: int) -> list[tuple[str, float]]:
    """The record's key terms in both languages' fields, and its glossary forms."""
    own_field, other_field = alike.fields
    terms = _key_terms(own_field, alike.own, total=total, numterms=related.KEY_TERMS)
    if alike.translated:
        terms += _key_terms(
            other_field, alike.translated, total=total, numterms=related.OTHER_TERMS
        )
    terms += [(_form(words), related.GLOSSARY_WEIGHT) for words in alike.forms]
    return terms


def _alike(cur, terms: list[tuple[str, float]], *, own_id: str, limit: int) -> list[dict]:
    """The records holding most of the terms, by the weights of those they hold."""
    scores = " + ".join("(CASE WHEN vector @@ %s::tsquery THEN %s ELSE 0 END)" for _ in terms)
    weights = [arg for term, weight in terms for arg in (term, weight)]
    anything = " | ".join(f"({term})" for term, _weight in terms)
    cur.execute(
        f"SELECT fields, {scores} AS score FROM search_document"  # noqa: S608 - fixed SQL
        " WHERE vector @@ %s::tsquery AND id <> %s"
        " ORDER BY score DESC, ts_rank(vector, %s::tsquery) DESC, id LIMIT %s",
        [*weights, anything, own_id, anything, limit],
    )
    return [json.loads(r[0]) for r in cur.fetchall()]  # jsonb read as text
