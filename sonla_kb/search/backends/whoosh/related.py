"""Related records: the few most alike a record, by its text in both languages and the glossary.

A record's key terms are drawn from its own text in its language's field, from its translated
title and summary in the other language's field, and from the glossary: the terms of its title
and summary, in the other language. A Vietnamese record so finds English records on the same
subject, and the other way round.
"""

import logging
from typing import Any

from django.db import models
from whoosh import query as wq

from ...analysis import WORD_RE, folded_word, nfc, stem
from ...documents import doc_id, source_for
from ...glossary import other_language_forms
from . import searcher as searchers
from . import storage

log = logging.getLogger(__name__)
OWN_FEEDBACK = 10  # feedback on the record itself, found alike but already on its page
KEY_TERMS = 12  # terms drawn from the record's own text
OTHER_TERMS = 6  # ... and from its translation
MAX_GLOSSARY_FORMS = 6  # glossary forms of the other language added
GLOSSARY_WEIGHT = 0.5  # a glossary form weighs as much as a middling key term


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
        query = _alike(s, record, fields)
        if query is None:
            return []
        # The page already shows its own feedback: ask for enough to leave it out.
        hits = s.search(query, limit=limit + 1 + OWN_FEEDBACK, mask={docnum})
        page = fields["url"]
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
    except storage.IndexUnavailable:
        return []
    except Exception:
        log.exception("Related records could not be read from the index")
        return []


def _alike(s, record: models.Model, fields: dict[str, Any]) -> wq.Query | None:
    """The record's key terms in both languages' fields, and its glossary forms."""
    vietnamese = getattr(record, "language", "en") == "vi"
    own_field, other_field = ("text_vi", "text_en") if vietnamese else ("text_en", "text_vi")
    own = f"{fields['title']}\n\n{fields.get('content') or ''}"
    translated = nfc(
        f"{getattr(record, 'title_translated', '')}\n\n{getattr(record, 'summary_translated', '')}"
    )
    terms: list[wq.Query] = [
        wq.Term(own_field, word, boost=weight)
        for word, weight in s.key_terms_from_text(own_field, own, numterms=KEY_TERMS)
    ]
    if translated.strip():
        terms += [
            wq.Term(other_field, word, boost=weight)
            for word, weight in s.key_terms_from_text(other_field, translated, numterms=OTHER_TERMS)
        ]
    summary = getattr(record, "summary", "") or ""
    for form in other_language_forms(f"{fields['title']}\n\n{summary}")[:MAX_GLOSSARY_FORMS]:
        terms.append(_form_query(form))
    return wq.Or(terms) if terms else None


def _form_query(form: str) -> wq.Query:
    """A glossary form as a phrase, in whichever language's text holds it."""
    words = [folded_word(w) for w in WORD_RE.findall(form)]
    if len(words) == 1:
        options = [wq.Term("text_vi", words[0]), wq.Term("text_en", stem(words[0]))]
    else:
        options = [wq.Phrase("text_vi", words), wq.Phrase("text_en", [stem(w) for w in words])]
    return wq.Or(options, boost=GLOSSARY_WEIGHT)
