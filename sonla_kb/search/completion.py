"""Completions for the search box: theme names, then titles the backend finds by prefix."""

from collections.abc import Callable

from ..selectors import public_themes
from .analysis import WORD_RE, fold, nfc, vi_word

LIMIT = 10
MIN_PREFIX = 2
MAX_PREFIX = 100


def completions(prefix: str, *, titles: Callable[..., list[str]], limit: int = LIMIT) -> list[str]:
    """Up to `limit` completions of what the user has typed: themes, then `titles(words)`."""
    words = [vi_word(w) for w in WORD_RE.findall(fold(nfc(prefix[:MAX_PREFIX])))]
    if not words or (len(words[-1]) < MIN_PREFIX and len(words) == 1):
        return []
    found = [name for name in _theme_names() if _completes(fold(name), words)]
    seen = {fold(n) for n in found}
    for title in titles(words, limit=limit * 2):
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
