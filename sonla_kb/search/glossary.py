"""Cross-language search: a query carried into the other language through the glossary.

`planting area code` is also searched as "mã số vùng trồng", and `chỉ dẫn địa lý` as
"geographical indication", each at a lower weight than the words typed, so records with
the typed words still rank first. The glossary (terms staff keep, and the themes' names
in both languages) is read once per process and read again when its version changes.
Its version costs two queries, so it is asked at most once every CHECK_EVERY seconds; an
edit saved in this process (the admin, an import) drops the copy at once, so it reaches the
next search without a rebuild, and an edit made by another process within CHECK_EVERY.
"""

import threading
import time
from dataclasses import dataclass

from .analysis import WORD_RE, folded_word, stem
from .syntax import has_syntax

EXPANSION_BOOST = 0.3  # the other language's words weigh less than the words typed
MAX_TERMS = 3  # glossary terms one query may be expanded by
MAX_FORMS = 3  # forms of the other language added for one term
CHECK_EVERY = 2.0  # seconds between two looks at the glossary's version


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]  # the form's words, as compared (folded; English ones stemmed)
    english: bool  # compared by stems
    adds: tuple[str, ...]  # what the query gains when this form is found in it


class _Glossary:
    """Forms by their first word, longest first."""

    def __init__(self, terms):
        self.by_first: dict[str, list[_Entry]] = {}
        for term in terms:
            english, vietnamese = list(term.english), list(term.vietnamese)
            both = [*english[:1], *vietnamese[:1]]
            for forms, is_english, adds in (
                (english, True, vietnamese[:MAX_FORMS]),
                (vietnamese, False, english[:MAX_FORMS]),
                (list(term.synonyms), True, both),
            ):
                for form in forms:
                    words = _compared(form, english=is_english)
                    if words and adds:
                        entry = _Entry(words, is_english, tuple(adds))
                        self.by_first.setdefault(words[0], []).append(entry)
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e.words))

    def matches(self, words: list[str]) -> list[tuple[int, int, _Entry]]:
        """(start, end, entry) of each form found in the words: longest first, no overlap."""
        folded = [folded_word(w) for w in words]
        stems = [stem(w) for w in folded]
        found, i = [], 0
        while i < len(words):
            best = None
            for key in {folded[i], stems[i]}:
                for entry in self.by_first.get(key, ()):
                    seq = stems if entry.english else folded
                    longer = best is None or len(entry.words) > len(best.words)
                    if longer and tuple(seq[i : i + len(entry.words)]) == entry.words:
                        best = entry
            if best:
                found.append((i, i + len(best.words), best))
                i += len(best.words)
            else:
                i += 1
        return found


def _compared(form: str, *, english: bool) -> tuple[str, ...]:
    words = [folded_word(w) for w in WORD_RE.findall(form)]
    return tuple(stem(w) for w in words) if english else tuple(words)


_lock = threading.Lock()
_cached: tuple[str, _Glossary] | None = None
_checked_at = float("-inf")


def _glossary() -> _Glossary:
    """The glossary of this process, read again when its version changed (looked at when due)."""
    global _cached, _checked_at
    from sonla_kb.glossary.selectors import all_terms, glossary_version

    with _lock:
        now = time.monotonic()
        if _cached is not None and now - _checked_at < CHECK_EVERY:
            return _cached[1]
        version = glossary_version()
        _checked_at = now
        if _cached is None or _cached[0] != version:
            _cached = (version, _Glossary(all_terms()))
        return _cached[1]


def forget() -> None:
    """Drop this process's copy of the glossary: the next search reads it again."""
    global _cached, _checked_at
    with _lock:
        _cached, _checked_at = None, float("-inf")


def expand_text(text: str) -> tuple[str, tuple[str, ...]]:
    """The query with each glossary form also searched in the other language; what was added.

    Only a query of plain words is expanded: a query with syntax means exactly what it says.
    """
    if has_syntax(text):
        return text, ()
    words = WORD_RE.findall(text)
    if not words:
        return text, ()
    matches = _glossary().matches(words)[:MAX_TERMS]
    if not matches:
        return text, ()
    added: list[str] = []
    parts: list[str] = []
    position = 0
    for start, end, entry in matches:
        parts.extend(words[position:start])
        new = [form for form in entry.adds if form not in added]
        added.extend(new)
        others = " OR ".join(f'"{_quoted(form)}"^{EXPANSION_BOOST}' for form in new)
        span = " ".join(words[start:end])
        parts.append(f"(({span}) OR {others})" if others else span)
        position = end
    parts.extend(words[position:])
    return " ".join(parts), tuple(added)


def other_language_forms(text: str) -> tuple[str, ...]:
    """The forms the glossary gives, in the other language, for the terms found in a text."""
    words = WORD_RE.findall(text)
    added: list[str] = []
    for _start, _end, entry in _glossary().matches(words):
        added.extend(form for form in entry.adds if form not in added)
    return tuple(added)


def _quoted(form: str) -> str:
    return " ".join(WORD_RE.findall(form))
