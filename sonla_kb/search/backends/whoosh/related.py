"""Related records from the Whoosh index: the few most alike a record, by the key terms the
common code draws from its text in both languages and the glossary (sonla_kb/search/related.py).
"""

import logging
from typing import Any

from django.db import models
from whoosh import query as wq

from ... import related
from ...analysis import stem
from ...documents import doc_id, source_for
from . import searcher as searchers
from . import storage

log = logging.getLogger(__name__)


def related_records(record: models.Model, *, limit: int = 5) -> list[dict[str, Any]]:
    """Up to `limit` public records most alike this one (empty when the index is down)."""
    source = source_for(record)
    if source is None:
        return []
    try:
        s = searchers.current().searcher
        docnum = s.document_number(id=doc_id(source, record.pk))
        if docnum is None:
            return []
        fields = s.stored_fields(docnum)
        query = _alike(
            s, related.alike(record, title=fields["title"], content=fields.get("content"))
        )
        if query is None:
            return []
        # The page already shows its own feedback: ask for enough to leave it out.
        hits = s.search(query, limit=limit + 1 + related.OWN_FEEDBACK, mask={docnum})
        return related.listed(hits, page=fields["url"], limit=limit)
    except storage.IndexUnavailable:
        return []
    except Exception:
        log.exception("Related records could not be read from the index")
        return []


def _alike(s, alike: related.Alike) -> wq.Query | None:
    """The record's key terms in both languages' fields, and its glossary forms."""
    own_field, other_field = alike.fields
    terms: list[wq.Query] = [
        wq.Term(own_field, word, boost=weight)
        for word, weight in s.key_terms_from_text(own_field, alike.own, numterms=related.KEY_TERMS)
    ]
    if alike.translated:
        found = s.key_terms_from_text(other_field, alike.translated, numterms=related.OTHER_TERMS)
        terms += [wq.Term(other_field, word, boost=weight) for word, weight in found]
    terms += [_form_query(words) for words in alike.forms]
    return wq.Or(terms) if terms else None


def _form_query(words: tuple[str, ...]) -> wq.Query:
    """A glossary form as a phrase, in whichever language's text holds it."""
    if len(words) == 1:
        options = [wq.Term("text_vi", words[0]), wq.Term("text_en", stem(words[0]))]
    else:
        options = [
            wq.Phrase("text_vi", list(words)),
            wq.Phrase("text_en", [stem(w) for w in words]),
        ]
    return wq.Or(options, boost=related.GLOSSARY_WEIGHT)
