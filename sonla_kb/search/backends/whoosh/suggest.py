"""Completions for the search box: theme names, then titles of public records."""

import logging

from whoosh import query as wq

from ....selectors import public_themes
from ...analysis import WORD_RE, fold, nfc, vi_word
from ...limits import Budget
from . import recovery, storage
from . import searcher as searchers
from .collecting import collect
from .expansion import expand

log = logging.getLogger(__name__)
LIMIT = 10
MIN_PREFIX = 2
MAX_PREFIX = 100


def suggest(prefix: str, *, limit: int = LIMIT) -> list[str]:
    """Up to `limit` completions of what the user has typed so far."""
    words = [vi_word(w) for w in WORD_RE.findall(fold(nfc(prefix[:MAX_PREFIX])))]
    if not words or (len(words[-1]) < MIN_PREFIX and len(words) == 1):
        return []
    found = [name for name in _theme_names() if _completes(fold(name), words)]
    seen = {fold(n) for n in found}
    for title in _titles(words, limit=limit * 2):
        if fold(title) not in seen:
            seen.add(fold(title))
            found.append(title)
    return found[:limit]


def _completes(folded: str, words: list[str]) -> bool:
    """True when every typed word starts a word of the folded text, the last as a prefix."""
    have = [vi_word(w) for w in WORD_RE.findall(folded)]
    *whole, last = words
    return all(w in have for w in whole) and any(h.startswith(last) for h in have)


def _theme_names() -> list[str]:
    names: list[str] = []
    for name, name_vi in public_themes().order_by("name").values_list("name", "name_vi"):
        names.append(name)
        if name_vi:
            names.append(name_vi)
    return names


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
