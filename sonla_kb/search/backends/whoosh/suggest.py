"""Completions for the search box: theme names, then titles of public records."""

import logging

from whoosh import query as wq

from ...completion import LIMIT, completions
from ...limits import Budget
from . import recovery, storage
from . import searcher as searchers
from .collecting import collect
from .expansion import expand

log = logging.getLogger(__name__)


def suggest(prefix: str, *, limit: int = LIMIT) -> list[str]:
    """Up to `limit` completions of what the user has typed so far."""
    return completions(prefix, titles=_titles, limit=limit)


def _titles(words: list[str], *, limit: int) -> list[str]:
    *whole, last = words
    query = wq.And([*(wq.Term("title", w) for w in whole), wq.Prefix("title", last)])
    try:
        handle = searchers.current()
        s = handle.searcher
        # Bounded like any search: the last word's prefix stands for a capped set of terms.
        query = expand(query, s.reader(), budget=Budget.start())
        hits = collect(s, query, budget=Budget.start(), limit=limit)
        # Record titles first, feedback last (its titles say who spoke, not what about).
        ordered = sorted(hits, key=lambda hit: hit["type"] == "feedback")
        return [hit["title"] for hit in ordered]
    except storage.IndexUnavailable:
        pass
    except Exception:  # a damaged index must not fail the search box
        searchers.forget()
        log.exception("Suggestions could not be read from the index")
    recovery.rebuild_soon()
    return []
