"""Related records: the few most alike a record by their text."""

import logging
from typing import Any

from django.db import models

from ...documents import doc_id, source_for
from . import searcher as searchers
from . import storage

log = logging.getLogger(__name__)
OWN_FEEDBACK = 10  # feedback on the record itself, found alike but already on its page


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
        field = "text_vi" if getattr(record, "language", "en") == "vi" else "text_en"
        fields = s.stored_fields(docnum)
        text = f"{fields['title']}\n\n{fields.get('content') or ''}"
        # The page already shows its own feedback: ask for enough to leave it out.
        hits = s.more_like(docnum, field, text=text, top=limit + 1 + OWN_FEEDBACK, numterms=12)
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
            if h.docnum != docnum and h["url"].partition("#")[0] != page
        ][:limit]
    except storage.IndexUnavailable:
        return []
    except Exception:
        log.exception("Related records could not be read from the index")
        return []
