"""A search document as a tsvector: the shared analysis's words, each field apart.

PostgreSQL has no Vietnamese configuration, and its English one stems differently from
the Whoosh index: so the words are made here, by sonla_kb/search/analysis.py, and given to
PostgreSQL as a tsvector as they are (no text search configuration changes them). Each
field's words carry its letter ("v:phe", "e:polici", "t:ca"), so one column holds every
field, and a weight: A for titles, B for the exact-accent words, C for names and themes.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from ...analysis import (
    ENGLISH_STOP_WORDS,
    FOLD_TABLE,
    LOWER_TABLE,
    WORD_RE,
    fold,
    new_tones,
    stem,
    vi_word,
)

MAX_POSITIONS = 255  # PostgreSQL keeps at most 256 positions of one word
MAX_POSITION = 16383  # ... and none beyond this


def folded_words(text: str) -> Iterator[str]:
    """Lower case, accents folded, one i/y spelling: titles, Vietnamese text, names."""
    for match in WORD_RE.finditer(fold(text)):
        yield vi_word(match.group())


def english_words(text: str) -> Iterator[str]:
    """Folded, English stop words and one-letter words left out, Porter stems."""
    for match in WORD_RE.finditer(fold(text)):
        word = match.group()
        if len(word) >= 2 and word not in ENGLISH_STOP_WORDS:
            yield stem(word)


def exact_words(text: str) -> Iterator[str]:
    """Accented words only, lower case, accents kept, one tone placement and i/y spelling."""
    for match in WORD_RE.finditer(text.translate(LOWER_TABLE)):
        word = match.group()
        if word.translate(FOLD_TABLE) != word:
            yield vi_word(new_tones(word))


def keyword(text: str) -> Iterator[str]:
    """A filter value as one word."""
    if text:
        yield text.strip().lower()


# The document field, its letter, how its words are made, and its weight.
FIELDS: tuple[tuple[str, str, Callable[[str], Iterator[str]], str], ...] = (
    ("title", "t", folded_words, "A"),
    ("exact", "x", exact_words, "B"),
    ("tag", "g", folded_words, "C"),
    ("speaker", "s", folded_words, "C"),
    ("issuer", "i", folded_words, "C"),
    ("number", "n", folded_words, "C"),
    ("text_en", "e", english_words, "D"),
    ("text_vi", "v", folded_words, "D"),
    ("type", "T", keyword, "D"),
    ("kind", "K", keyword, "D"),
    ("year", "Y", keyword, "D"),
)
LETTER = {name: letter for name, letter, _make, _weight in FIELDS}
MAKE = {name: make for name, _letter, make, _weight in FIELDS}


def lexeme(letter: str, word: str) -> str:
    """One word of one field, as the tsvector and tsquery hold it."""
    return f"{letter}:{word}"


def quoted(text: str) -> str:
    """A lexeme quoted for a tsvector or tsquery literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def to_vector(doc: dict[str, Any]) -> tuple[str, list[str]]:
    """The tsvector literal of a document, and its distinct words."""
    positions: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, str] = {}
    for name, letter, make, weight in FIELDS:
        value = doc.get(name)
        if not value:
            continue
        for position, word in enumerate(make(str(value)), start=1):
            key = lexeme(letter, word)
            held = positions[key]
            if len(held) < MAX_POSITIONS:
                held.append(min(position, MAX_POSITION))
            weights[key] = weight
    parts = []
    for key, held in positions.items():
        mark = "" if weights[key] == "D" else weights[key]
        parts.append(f"{quoted(key)}:{','.join(f'{p}{mark}' for p in held)}")
    return " ".join(parts), list(positions)
