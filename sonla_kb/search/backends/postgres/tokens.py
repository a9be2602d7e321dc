"""A search document as a tsvector: the shared analysis's words, each field apart.

PostgreSQL has no Vietnamese configuration, and its English one stems differently from
the Whoosh index: so the words are made here, by sonla_kb/search/analysis.py, and given to
PostgreSQL as a tsvector as they are (no text search configuration changes them). Each
field's words carry its letter ("v:phe", "e:polici", "t:ca"), so one column holds every
field, and a weight: A for titles, C for names and themes, D for the rest.

The exact-accent words ("x:") are held without positions: a search only asks whether a
record holds one (the exact-accent bonus), and their positions made a Vietnamese record's
row an eighth longer. The record's theme ids ("G:") are held the same way, so that the
vocabulary counts the records of each theme, as it counts those of each type ("T:") and
year ("Y:"): the facets of every record. ts_rank divides by the record's length, which
counts every word of the record's fields, positions kept or not (the theme ids are not
words of it): that length is stored beside the vector (`length`), and the score divides
by it as ts_rank's own normalisation would.
"""

from collections.abc import Callable
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


def folded_words(text: str) -> list[str]:
    """Lower case, accents folded, one i/y spelling: titles, Vietnamese text, names."""
    return [vi_word(word) for word in WORD_RE.findall(fold(text))]


def english_words(text: str) -> list[str]:
    """Folded, English stop words and one-letter words left out, Porter stems."""
    return [
        stem(word)
        for word in WORD_RE.findall(fold(text))
        if len(word) >= 2 and word not in ENGLISH_STOP_WORDS
    ]


def exact_words(text: str) -> list[str]:
    """Accented words only, lower case, accents kept, one tone placement and i/y spelling."""
    return [
        vi_word(new_tones(word))
        for word in WORD_RE.findall(text.translate(LOWER_TABLE))
        # An ASCII word is lower case here, so folding leaves it as it is: not accented.
        if not word.isascii() and word.translate(FOLD_TABLE) != word
    ]


def keyword(text: str) -> list[str]:
    """A filter value as one word."""
    return [text.strip().lower()] if text else []


def ids(text: str) -> list[str]:
    """Comma-separated ids (a record's themes), each as it is."""
    return [part for part in text.split(",") if part]


POSITIONS, HELD, ID = "positions", "held", "id"  # how a field's words are kept
# The document field, its letter, how its words are made, its weight, and how its words
# are kept: with their positions; held without them (but counted in the length); or held
# as ids, which are not words of the record.
FIELDS: tuple[tuple[str, str, Callable[[str], list[str]], str, str], ...] = (
    ("title", "t", folded_words, "A", POSITIONS),
    ("exact", "x", exact_words, "D", HELD),
    ("tag", "g", folded_words, "C", POSITIONS),
    ("speaker", "s", folded_words, "C", POSITIONS),
    ("issuer", "i", folded_words, "C", POSITIONS),
    ("number", "n", folded_words, "C", POSITIONS),
    ("text_en", "e", english_words, "D", POSITIONS),
    ("text_vi", "v", folded_words, "D", POSITIONS),
    ("type", "T", keyword, "D", POSITIONS),
    ("kind", "K", keyword, "D", POSITIONS),
    ("year", "Y", keyword, "D", POSITIONS),
    ("tagid", "G", ids, "D", ID),
)
LETTER = {name: letter for name, letter, *_rest in FIELDS}
MAKE = {name: make for name, _letter, make, *_rest in FIELDS}


def lexeme(letter: str, word: str) -> str:
    """One word of one field, as the tsvector and tsquery hold it."""
    return f"{letter}:{word}"


def quoted(text: str) -> str:
    """A lexeme quoted for a tsvector or tsquery literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def to_vector(doc: dict[str, Any]) -> tuple[str, list[str], int]:
    """The tsvector literal of a document, its distinct words, and its length.

    The length is what ts_rank's normalisation counts: each word's positions in its field
    (at most MAX_POSITIONS, those past MAX_POSITION counted as one), whether the vector
    keeps them or not; ids are not counted. Each field is analysed once, and its words'
    positions gathered in one pass: most of a rebuild's time is spent here.
    """
    parts: list[str] = []
    words: list[str] = []
    length = 0
    for name, letter, make, weight, mode in FIELDS:
        value = doc.get(name)
        if not value:
            continue
        positions: dict[str, list[int]] = {}
        for position, word in enumerate(make(str(value)), start=1):
            held = positions.get(word)
            if held is None:
                positions[word] = [position]
            elif len(held) < MAX_POSITIONS:
                held.append(position)
        mark = "" if weight == "D" else weight
        joiner = mark + ","
        for word, held in positions.items():
            key = f"{letter}:{word}"
            words.append(key)
            if held[-1] > MAX_POSITION:
                held = sorted({min(p, MAX_POSITION) for p in held})
            if mode != ID:
                length += len(held)
            if mode == POSITIONS:
                parts.append(f"{quoted(key)}:{joiner.join(map(str, held))}{mark}")
            else:
                parts.append(quoted(key))
    return " ".join(parts), words, length
