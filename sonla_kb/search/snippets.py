"""Snippets: a window of the record's own text, escaped, with the matches in <mark>.

Matching runs on the folded text, which has the same offsets as the original, so
``ca phe`` marks ``cà phê`` and ``policies`` marks ``policy`` (by stem) in place. Two rules
keep marks on words rather than on loose syllables: a word typed with accents marks only
that spelling (``chỉ`` does not mark ``chí``), and the syllables of a Vietnamese query typed
side by side (``thương hiệu``) are marked where they stand side by side, not alone.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape

from .analysis import (
    WORD_RE,
    exact_word,
    fold,
    folded_word,
    has_accents,
    is_syllable,
    stem,
    vi_word,
)

WINDOW = 240
SCAN_LIMIT = 50_000  # characters of a long text looked at for matches


@dataclass(frozen=True)
class Terms:
    """What to mark: folded whole words, and English stems."""

    words: frozenset[str]
    stems: frozenset[str]
    accented: frozenset[str] = frozenset()  # words typed with accents, as exact_word writes them
    accent_folds: frozenset[str] = frozenset()  # ... folded: these mark only those spellings
    pairs: frozenset[tuple[str, str]] = frozenset()  # Vietnamese syllables typed side by side
    paired: frozenset[str] = frozenset()  # ... each of them: marked only beside its partner

    @classmethod
    def of(
        cls, *, words: Iterable[str] = (), stems: Iterable[str] = (), typed: Sequence[str] = ()
    ) -> "Terms":
        """Terms from folded words and stems, with the rules `typed` (the query's words) sets."""
        accented = {exact_word(w) for w in typed if has_accents(w)}
        pairs: set[tuple[str, str]] = set()
        # Syllables pair up in a Vietnamese query: one with accents, or of syllables only.
        if any(has_accents(w) for w in typed) or (typed and all(map(is_syllable, typed))):
            pairs = {
                (folded_word(a), folded_word(b))
                for a, b in pairwise(typed)
                if is_syllable(a) and is_syllable(b)
            }
        return cls(
            frozenset(words),
            frozenset(stems),
            frozenset(accented),
            frozenset(folded_word(w) for w in accented),
            frozenset(pairs),
            frozenset(w for pair in pairs for w in pair),
        )

    def __bool__(self) -> bool:
        return bool(self.words or self.stems)

    def matches(self, folded_word: str) -> bool:
        """True when a folded word of the text is one of the terms."""
        return folded_word in self.words or (bool(self.stems) and stem(folded_word) in self.stems)


def find_matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words and phrases of `text` that match the terms."""
    if not terms:
        return []
    folded = fold(text[:SCAN_LIMIT])
    found: list[tuple[int, int, str]] = []
    words, stems = terms.words, terms.stems  # inlined Terms.matches: this loop is the hot one
    accent_folds = terms.accent_folds
    for match in WORD_RE.finditer(folded):
        word = vi_word(match.group())
        if word not in words and not (stems and stem(word) in stems):
            continue
        s, e = match.span()
        if word in accent_folds and exact_word(text[s:e]) not in terms.accented:
            continue  # "chí" where "chỉ" was typed
        found.append((s, e, word))
    if terms.pairs:
        found = _side_by_side(text, found, terms)
    spans: list[tuple[int, int]] = []
    for s, e, _word in found:
        # Neighbouring matches become one mark: "<mark>chỉ dẫn địa lý</mark>".
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _side_by_side(
    text: str, found: list[tuple[int, int, str]], terms: Terms
) -> list[tuple[int, int, str]]:
    """The matches, less the paired syllables that stand beside neither of their partners."""
    kept = []
    for i, (s, e, word) in enumerate(found):
        if word not in terms.paired:
            kept.append((s, e, word))
            continue
        before = found[i - 1] if i else None
        after = found[i + 1] if i + 1 < len(found) else None
        if _beside(text, before, (s, e, word), terms) or _beside(text, (s, e, word), after, terms):
            kept.append((s, e, word))
    return kept


def _beside(text: str, first, second, terms: Terms) -> bool:
    """True when two matches are a typed pair standing side by side in the text."""
    if first is None or second is None or (first[2], second[2]) not in terms.pairs:
        return False
    return not text[first[1] : second[0]].strip()


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
