"""A field value's terms, as the segment writer adds them: each term once, with its
frequency, weight and value bytes, in columns.

For the project's analysers and Whoosh's Frequency and Positions formats they are made
here from the analyser's list of words (``terms_of``): what Whoosh's ``word_values``
makes from a chain of generators of Token objects, the same items (a test compares
them), at a fraction of the cost. Any other field goes through Whoosh's own code.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pickle import dumps

import numpy as np
from whoosh.fields import FieldType
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from .analyzers import PairAnalyzer


@dataclass(frozen=True, slots=True)
class Words:
    """Terms (text, or bytes for fields with their own index method), each once; their
    frequencies and weights; their values end to end, and (for values of any length)
    each value's size."""

    terms: list
    freqs: list[int]
    weights: list[float]
    values: bytes
    sizes: list[int] | None


def by_text(fieldobj) -> bool:
    """Whether a field's terms come from its format's words (Whoosh's FieldType.index),
    so they can be kept as text; fields with their own index method (numbers) give bytes."""
    return type(fieldobj).index is FieldType.index


def value_size(fieldobj) -> int | None:
    """The size of every value of the field's format, or None if they differ."""
    size = fieldobj.format.fixed_value_size()
    return None if size is None or size < 0 else size


def index_words(fieldobj, value, *, memo: dict | None = None) -> Words:
    """The terms of a field's value. `memo` keeps a document's words by analyser and text,
    so that the pair fields reuse the words of the fields they pair."""
    if not by_text(fieldobj):
        return from_items(fieldobj.index(value), size=value_size(fieldobj))
    if not isinstance(value, str | list | tuple):  # as FieldType.index refuses it
        raise ValueError(f"{value!r} is not unicode or sequence")
    analyzer, fmt = fieldobj.analyzer, fieldobj.format
    make = _FAST.get(type(fmt))
    if make is None or not isinstance(value, str) or not hasattr(analyzer, "terms_of"):
        items = fmt.word_values(value, analyzer, mode="index")
        return from_items(items, size=value_size(fieldobj))
    return make(_terms(analyzer, value, memo if memo is not None else {}), fmt.field_boost)


def from_items(items: Iterable[tuple], *, size: int | None) -> Words:
    """Words from Whoosh's (term, frequency, weight, value bytes) items."""
    items = list(items)
    values = [v or b"" for _t, _f, _w, v in items]
    if size is not None and any(len(v) != size for v in values):
        raise ValueError(f"values of this field must be {size} bytes long")
    return Words(
        terms=[t for t, _f, _w, _v in items],
        freqs=[f for _t, f, _w, _v in items],
        weights=[w for _t, _f, w, _v in items],
        values=b"".join(values),
        sizes=None if size is not None else [len(v) for v in values],
    )


def _terms(analyzer, value: str, memo: dict) -> list[str]:
    if isinstance(analyzer, PairAnalyzer):
        inner = analyzer.words
        return analyzer.terms_of(value, words_of=lambda part: _terms(inner, part, memo))
    key = (type(analyzer), value)
    found = memo.get(key)
    if found is None:
        found = memo[key] = analyzer.terms_of(value)
    return found


def _frequencies(words: list[str], boost: float) -> Words:
    # As Frequency.word_values: each word once, its count, the count times the boost, and
    # the count packed as the value (Whoosh's pack_uint: four bytes, big-endian).
    counts = Counter(words)
    freqs = list(counts.values())
    return Words(
        terms=list(counts),
        freqs=freqs,
        weights=[float(n) * boost for n in freqs],
        values=np.array(freqs, dtype=">u4").tobytes(),
        sizes=None,
    )


def _positions(words: list[str], boost: float) -> Words:
    # As Positions.word_values and encode: positions as steps, pickled after their count.
    where: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        found = where.get(word)
        if found is None:
            where[word] = [position]
        else:
            found.append(position)
    values = [
        _AT[places[0]] if len(places) == 1 and places[0] < len(_AT) else _encode(places)
        for places in where.values()
    ]
    freqs = [len(places) for places in where.values()]
    return Words(
        terms=list(where),
        freqs=freqs,
        weights=[float(n) * boost for n in freqs],
        values=b"".join(values),
        sizes=[len(v) for v in values],
    )


def _encode(places: list[int]) -> bytes:
    steps = [places[0], *(b - a for a, b in pairwise(places))] if len(places) > 1 else places
    return pack_uint(len(steps)) + dumps(steps, 2)


_FAST = {Frequency: _frequencies, Positions: _positions}
_AT = [_encode([position]) for position in range(4096)]  # a word seen once, at a position
