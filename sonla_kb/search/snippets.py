"""Snippets: a window of the record's own text, escaped, with the matches in <mark>.

Matching runs on the folded text, which has the same offsets as the original, so
``ca phe`` marks ``cà phê`` and ``policies`` marks ``policy`` (by stem) in place.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape

from .analysis import WORD_RE, fold, stem, vi_word

WINDOW = 240
SCAN_LIMIT = 50_000  # characters of a long text looked at for matches


@dataclass(frozen=True)
class Terms:
    """What to mark: folded whole words, and English stems."""

    words: frozenset[str]
    stems: frozenset[str]

    @classmethod
    def of(cls, *, words: Iterable[str] = (), stems: Iterable[str] = ()) -> "Terms":
        """Terms from folded words and stems."""
        return cls(frozenset(words), frozenset(stems))

    def __bool__(self) -> bool:
        return bool(self.words or self.stems)

    def matches(self, folded_word: str) -> bool:
        """True when a folded word of the text is one of the terms."""
        return folded_word in self.words or (bool(self.stems) and stem(folded_word) in self.stems)


def find_matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words of `text` that match the terms."""
    if not terms:
        return []
    folded = fold(text[:SCAN_LIMIT])
    spans: list[tuple[int, int]] = []
    words, stems = terms.words, terms.stems  # inlined Terms.matches: this loop is the hot one
    for match in WORD_RE.finditer(folded):
        word = vi_word(match.group())
        if word not in words and not (stems and stem(word) in stems):
            continue
        s, e = match.span()
        # Neighbouring matches become one mark: "<mark>chỉ dẫn địa lý</mark>".
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def make_snippet(text: str, terms: Terms, *, window: int = WINDOW) -> str:
    """HTML: the densest window of matches (or the start), escaped, matches in <mark>."""
    text = " ".join(text.split())
    spans = find_matches(text, terms)
    start, end = _best_window(text, spans, window)
    parts = ["… " if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return "".join(parts)


def _best_window(text: str, spans: list[tuple[int, int]], window: int) -> tuple[int, int]:
    if len(text) <= window:
        return 0, len(text)
    if not spans:
        return 0, _word_end(text, window)
    best, best_count, j = 0, 0, 0
    for i, (s, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= s + window:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    first = spans[best][0]
    start = max(0, first - window // 4)
    start = _word_start(text, start)
    return start, _word_end(text, min(len(text), start + window))


def _word_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", 0, index)
    return space if space > index - 20 else index
