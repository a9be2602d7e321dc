"""The Whoosh analysers of the three word forms described in sonla_kb/search/analysis.py,
and of the word pairs built from them."""

import re
from itertools import pairwise

from whoosh.analysis import Analyzer, Token

from ...analysis import (
    ENGLISH_STOP_WORDS,
    FOLD_TABLE,
    LOWER_TABLE,
    WORD_RE,
    new_tones,
    stem,
    vi_word,
)

MAX_CACHED = 200_000  # words whose indexed form is kept, for each kind of analyser


class _Terms(dict):
    """Each word as written (the text not yet translated) and its indexed form (or None),
    worked out the first time it is read: a knowledge base's vocabulary is small, and
    its words come again and again."""

    def __init__(self, analyzer: "_WordAnalyzer"):
        super().__init__()
        self.table, self.term = analyzer.table, analyzer.term

    def __missing__(self, word: str) -> str | None:
        if len(self) >= MAX_CACHED:
            self.clear()
        found = self[word] = self.term(word.translate(self.table))
        return found


_TERMS: dict[type, _Terms] = {}  # by analyser class, outside the instances Whoosh pickles


def _terms_for(analyzer: "_WordAnalyzer") -> _Terms:
    found = _TERMS.get(type(analyzer))
    if found is None:
        found = _TERMS[type(analyzer)] = _Terms(type(analyzer)())
    return found


def _unlike(table: dict[int, str]) -> frozenset[str]:
    """The characters a table makes something else than a word character to a word
    character, or the reverse (or '.' or ','): in a text holding none of them, the words
    of the translated text are the translated words of the text."""
    word = re.compile(r"\w")
    return frozenset(
        chr(code)
        for code, to in table.items()
        if len(to) != 1 or to in ".," or bool(word.match(chr(code))) != bool(word.match(to))
    )


_UNLIKE: dict[int, frozenset[str]] = {}  # by table


class _WordAnalyzer(Analyzer):
    """Tokenise on word characters after one translate; subclasses pick the table and filter."""

    table: dict[int, str] = FOLD_TABLE

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)

    def term(self, word: str) -> str | None:
        """The indexed form of one (already translated) word, or None to drop it."""
        return word

    def terms_of(self, value: str) -> list[str]:
        """The words indexed from a text, in order: the texts of the tokens __call__ yields
        (stop words left out), for the segment writer, which needs no Token objects. Words
        are found in the text as written, each translated once (_Terms), when the table
        keeps them words (_same_words); else in the translated text, as __call__ does."""
        unlike = _UNLIKE.get(id(self.table))
        if unlike is None:
            unlike = _UNLIKE[id(self.table)] = _unlike(self.table)
        if any(c in value for c in unlike):
            found = list(map(self.term, WORD_RE.findall(value.translate(self.table))))
        else:
            found = list(map(_terms_for(self).__getitem__, WORD_RE.findall(value)))
        return [w for w in found if w is not None] if None in found else found

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        translated = value.translate(self.table)
        if not tokenize:
            token.original = token.text = translated
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for match in WORD_RE.finditer(translated):
            text = self.term(match.group())
            if text is None:
                if not removestops:
                    pos += 1
                continue
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = match.group()
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class FoldedAnalyzer(_WordAnalyzer):
    """Lower case, accents folded; nothing removed. For Vietnamese, titles and names."""

    def term(self, word: str) -> str | None:
        """One spelling of i/y ('ly' and 'li' are one word)."""
        return vi_word(word)


class EnglishAnalyzer(_WordAnalyzer):
    """Lower case, accents folded, English stop words removed, Porter stems."""

    def term(self, word: str) -> str | None:
        """Drop stop words and one-letter words; stem the rest."""
        if len(word) < 2 or word in ENGLISH_STOP_WORDS:
            return None
        return stem(word)


class ExactAnalyzer(_WordAnalyzer):
    """Accented words only, lower case, accents kept: they let exact-accent matches rank first.

    A word without accents is already in the folded fields; leaving it out halves the
    postings of English text, which is most of the cost of writing the index.
    """

    table = LOWER_TABLE

    def term(self, word: str) -> str | None:
        """Keep the word only if it carries accents; one tone placement, one i/y."""
        return vi_word(new_tones(word)) if word.translate(FOLD_TABLE) != word else None


PAIR_BREAK = "\x1e"  # between the parts of a pair field's value: no pair spans it


class PairAnalyzer(Analyzer):
    """Two neighbouring words as one term ("tap tin"), as another analyser reads the words.

    A pair term stands where a two-word phrase of that analyser's field matches, so the
    bonus for typed words standing together is one term, not a phrase whose positions
    are compared document by document. No pair spans the parts of the value (a title
    and a text) that PAIR_BREAK separates.
    """

    def __init__(self, words: _WordAnalyzer):
        self.words = words

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__ and self.words == other.words

    def __hash__(self):
        return hash((self.__class__.__name__, self.words))

    def terms_of(self, value: str, *, words_of=None) -> list[str]:
        """The pair terms of a value, in order, as __call__ yields them; `words_of` reads
        a part's words (by default, this analyser's word analyser)."""
        words_of = words_of or self.words.terms_of
        pairs = []
        for part in value.split(PAIR_BREAK):
            found = words_of(part)
            pairs += [f"{a} {b}" for a, b in pairwise(found)]
        return pairs

    def __call__(self, value, positions=False, chars=False, removestops=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for part in value.split(PAIR_BREAK):
            previous = None
            for word in self.words(part):
                if previous is not None:
                    token.text = f"{previous} {word.text}"
                    token.boost = 1.0
                    token.stopped = False
                    yield token
                previous = word.text
