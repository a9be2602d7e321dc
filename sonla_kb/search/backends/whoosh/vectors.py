"""Whole posting lists at once: the documents a query matches, and their scores, with numpy.

Whoosh's matchers walk a query tree one document at a time in Python, and an answer
walks it twice (counting, then ranking). Vietnamese syllables are few and frequent: in
the benchmark's corpus ``tập tin`` is in 62 % of the records, so a two-syllable query
visits tens of thousands of documents per syllable and field. Here each term's postings
are read block by block into arrays, and the tree is evaluated once with array
operations. The documents are the same as Whoosh's, and the scores the same BM25F
scores to rounding (tests/search/backends/whoosh/test_vectors.py compares both on random
queries). Where Whoosh's own ``a ANDNOT b`` lets through a document of ``b`` (its matcher
misses a ``b`` posting at the start of a segment), this answer leaves it out, as the query
says. A sub-query this module does not know (a phrase, ``NOT`` alone, a range) is
matched by Whoosh's own matcher and joins the rest as arrays. The decoded lists of the
terms read last are kept, up to SEARCH_POSTINGS_CACHE_MB per process (ArrayCache).
"""

import itertools
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from ...limits import Budget
from .expansion import TermSet
from .schema import PAIRS_OF
from .segments import length_bytes

_EMPTY_DOCS = np.empty(0, dtype=np.int64)
_EMPTY_SCORES = np.empty(0, dtype=np.float64)
# Field length bytes to lengths, as Whoosh decodes them.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass(frozen=True)
class Matches:
    """Documents (global numbers, ascending, unique) and their scores."""

    docs: np.ndarray
    scores: np.ndarray

    @classmethod
    def none(cls) -> "Matches":
        return cls(_EMPTY_DOCS, _EMPTY_SCORES)

    def __len__(self) -> int:
        return len(self.docs)

    def within(self, allowed: frozenset[int]) -> "Matches":
        """Only the documents of `allowed` (a filter's documents)."""
        keep = np.isin(self.docs, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        return Matches(self.docs[keep], self.scores[keep])

    def top(self, limit: int) -> list[tuple[int, float]]:
        """The best `limit` (document, score), as Whoosh orders hits: score, then document."""
        if limit <= 0 or not len(self.docs):
            return []
        if len(self.docs) > limit:
            # Every document scoring at least the limit-th best score, then ordered exactly.
            cut = np.partition(self.scores, len(self.scores) - limit)[len(self.scores) - limit]
            chosen = np.flatnonzero(self.scores >= cut)
        else:
            chosen = np.arange(len(self.docs))
        order = chosen[np.lexsort((self.docs[chosen], -self.scores[chosen]))][:limit]
        return list(zip(self.docs[order].tolist(), self.scores[order].tolist(), strict=True))


class Unsupported(Exception):
    """The searcher is not one this module can read (another weighting model)."""


def evaluate(searcher, query: wq.Query, *, budget: Budget) -> Matches:
    """Every document `query` matches in `searcher`, with its score as Whoosh would give it.

    Once the budget runs out, the terms not read yet match nothing: the answer is partial,
    and the budget's notice says so.
    """
    if type(searcher.weighting) is not BM25F:
        raise Unsupported(type(searcher.weighting).__name__)
    return _Evaluator(searcher, budget).visit(query)


class _Evaluator:
    def __init__(self, searcher, budget: Budget):
        self.searcher = searcher
        self.budget = budget
        self.subsearchers = searcher.leaf_searchers()
        self.size = searcher.doc_count_all()

    def visit(self, q: wq.Query, only: np.ndarray | None = None) -> Matches:
        """The documents of `q` and their scores; with `only`, right only within those
        documents (what the optional part of ``a ANDMAYBE b`` needs: b where a matched)."""
        if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
            return Matches.none()
        kind = type(q)
        if kind is wq.Term:
            return self.term(q)
        if kind is TermSet:
            return self.term_set(q)
        plain = not getattr(q, "minmatch", 0) and not getattr(q, "scale", None)
        if kind in (wq.And, wq.Or) and plain:
            if len(q.subqueries) == 1:  # as Whoosh's matcher, which leaves out the boost
                return self.visit(q.subqueries[0], only)
            parts = [self.visit(s, only) for s in q.subqueries]
            joined = _intersect(parts, self.size) if kind is wq.And else _union(parts, self.size)
            return _boosted(joined, q.boost)
        if kind is wq.AndMaybe:
            required = self.visit(q.a, only)
            if not len(required):
                return required
            return _and_maybe(required, self.visit(q.b, required.docs), self.size)
        if kind is wq.AndNot:
            positive = self.visit(q.a, only)
            if not len(positive):
                return positive
            return _and_not(positive, self.visit(q.b, positive.docs), self.size)
        if kind is wq.ConstantScoreQuery:
            found = self.visit(q.child, only)
            return Matches(found.docs, np.full(len(found.docs), float(q.score)))
        if kind is wq.Phrase and q.slop == 1 and len(q.words) > 1 and q.fieldname in PAIRS_OF:
            # Only documents holding each neighbouring pair can hold the phrase.
            pairs = [
                self.term(wq.Term(PAIRS_OF[q.fieldname], f"{a} {b}"))
                for a, b in itertools.pairwise(q.words)
            ]
            candidates = _intersect(pairs, self.size).docs
            if only is not None:
                candidates = np.intersect1d(candidates, only, assume_unique=True)
            return self.by_whoosh(q, only=candidates)
        return self.by_whoosh(q, only=only)

    def term(self, q: wq.Term) -> Matches:
        schema = self.searcher.schema
        if q.fieldname not in schema:
            return Matches.none()
        field = schema[q.fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return Matches.none()
        if self.budget.expired() or (q.fieldname, btext) not in self.searcher.reader():
            return Matches.none()
        docs, weights, lengths = [], [], []
        for sub, offset in self.subsearchers:
            reader = sub.reader()
            if (q.fieldname, btext) not in reader:
                continue
            ids, w = _postings(reader, q.fieldname, btext)
            docs.append(ids + offset)
            weights.append(w)
            if field.scorable:
                lengths.append(_field_lengths(reader, q.fieldname)[ids])
        if not docs:
            return Matches.none()
        found = np.concatenate(docs)
        tf = np.concatenate(weights)
        if field.scorable:
            scores = _bm25(self.searcher, q.fieldname, btext, tf, np.concatenate(lengths))
        else:
            scores = tf
        return _boosted(Matches(found, scores), q.boost)

    def term_set(self, q: TermSet) -> Matches:
        docs = []
        for sub, offset in self.subsearchers:
            reader = sub.reader()
            for btext in self.budget.until_expired(q.btexts, every=64):
                if (q.fieldname, btext) in reader:
                    docs.append(_postings(reader, q.fieldname, btext)[0] + offset)
        if not docs:
            return Matches.none()
        found = np.unique(np.concatenate(docs))
        return Matches(found, np.full(len(found), float(q.boost)))

    def by_whoosh(self, q: wq.Query, *, only: np.ndarray | None = None) -> Matches:
        """Whoosh's own matcher, segment by segment, read into arrays (within `only`)."""
        docs: list[int] = []
        scores: list[float] = []
        context = self.searcher.context()
        for sub, offset in self.subsearchers:
            m = q.matcher(sub, context)
            if only is None:
                wanted = None
            else:
                inside = only[(only >= offset) & (only < offset + sub.doc_count_all())]
                if not len(inside):
                    continue
                wanted = iter((inside - offset).tolist())
            while m.is_active():
                if len(docs) % 512 == 0 and self.budget.expired():
                    break
                if wanted is not None:
                    target = next(wanted, None)
                    if target is None:
                        break
                    if m.id() < target:
                        m.skip_to(target)
                        if not m.is_active():
                            break
                    if m.id() != target:
                        continue
                docs.append(m.id() + offset)
                scores.append(m.score())
                m.next()
        return Matches(np.array(docs, dtype=np.int64), np.array(scores, dtype=np.float64))


def _bm25(searcher, fieldname: str, btext: bytes, tf: np.ndarray, fl: np.ndarray) -> np.ndarray:
    """Whoosh's BM25F, term by term: the same operations in the same order."""
    weighting = searcher.weighting
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    idf = searcher.idf(fieldname, btext)
    avgfl = searcher.avg_field_length(fieldname) or 1
    return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))


def _boosted(found: Matches, boost: float) -> Matches:
    return found if boost == 1.0 else Matches(found.docs, found.scores * boost)


# The set operations use dense arrays over every document of the index: a few array
# passes of the index's size, whatever the lengths of the lists.


def _union(parts: list[Matches], size: int) -> Matches:
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else Matches.none()
    total = np.zeros(size)
    present = np.zeros(size, dtype=bool)
    for p in parts:
        total[p.docs] += p.scores  # documents are unique within a part
        present[p.docs] = True
    docs = np.flatnonzero(present)
    return Matches(docs, total[docs])


def _intersect(parts: list[Matches], size: int) -> Matches:
    if not parts or any(not len(p) for p in parts):
        return Matches.none()
    total = np.zeros(size)
    count = np.zeros(size, dtype=np.int32)
    for p in parts:
        total[p.docs] += p.scores
        count[p.docs] += 1
    docs = np.flatnonzero(count == len(parts))
    return Matches(docs, total[docs])


def _and_maybe(required: Matches, optional: Matches, size: int) -> Matches:
    if not len(required) or not len(optional):
        return required
    extra = np.zeros(size)
    extra[optional.docs] = optional.scores
    return Matches(required.docs, required.scores + extra[required.docs])


def _and_not(positive: Matches, negative: Matches, size: int) -> Matches:
    if not len(positive) or not len(negative):
        return positive
    excluded = np.zeros(size, dtype=bool)
    excluded[negative.docs] = True
    keep = ~excluded[positive.docs]
    return Matches(positive.docs[keep], positive.scores[keep])


def _postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """A term's documents (segment numbers) and weights, deleted documents left out."""
    ids, weights = _stored_postings(reader, fieldname, btext)
    deleted = _deleted_mask(reader)
    if deleted is None:
        return ids, weights
    keep = ~deleted[ids]
    return ids[keep], weights[keep]


def _stored_postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings as the segment stores them, deleted documents included."""
    key = ("postings", _segment_id(reader), fieldname, btext)
    cached = CACHE.get(key)
    if cached is not None:  # kept in half the bytes: segment numbers and weights fit
        return cached[0].astype(np.int64), cached[1].astype(np.float64)
    m = reader.postings(fieldname, btext)
    if isinstance(m, FilterMatcher):  # the reader's filter of deleted documents
        m = m.child
    if isinstance(m, W3LeafMatcher):
        ids, weights = _read_blocks(m)
    else:  # a short list kept inside the term's entry
        m.reset()
        ids_list, weights_list = [], []
        while m.is_active():
            ids_list.append(m.id())
            weights_list.append(m.weight())
            m.next()
        ids = np.array(ids_list, dtype=np.int64)
        weights = np.array(weights_list, dtype=np.float64)
    # Weights are stored as 32-bit floats (Whoosh's array "f"): nothing is lost.
    kept = (ids.astype(np.uint32), weights.astype(np.float32))
    CACHE.put(key, kept, size=kept[0].nbytes + kept[1].nbytes)
    return ids, weights


def _read_blocks(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every block of an on-disk posting list: ids delta-decoded, weights as stored."""
    ids_parts, weight_parts = [], []
    m.reset()  # a wrapper may have moved it on (past deleted documents at the start)
    while not m._atend:
        m._read_data()
        deltas, weights = m._data[0], m._data[1]
        ids_parts.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if weights is None:
            weight_parts.append(np.ones(len(deltas)))
        elif isinstance(weights, float):
            weight_parts.append(np.full(len(deltas), weights))
        else:
            # Stored as float32 (array "f"): Whoosh reads them back as those values.
            weight_parts.append(np.asarray(weights, dtype=np.float32).astype(np.float64))
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _segment_id(reader) -> str:
    """A segment's name, unique in its index and never reused: what it stores never changes."""
    return reader.segment().segment_id()


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in the field, as Whoosh's scorer reads it (1 when unknown)."""
    key = ("lengths", _segment_id(reader), fieldname)
    lengths = CACHE.get(key)
    if lengths is None:
        count = reader.doc_count_all()
        raw = length_bytes(reader._perdoc, fieldname, count + 1)
        lengths = np.ones(count) if raw is None else _LENGTHS[np.frombuffer(raw, dtype=np.uint8)]
        CACHE.put(key, lengths, size=lengths.nbytes)
    return lengths


def _deleted_mask(reader) -> np.ndarray | None:
    """True for each deleted document of the segment (None when there is none).

    A segment only ever gains deletions, so their count tells one state from another.
    """
    segment = reader.segment()
    count = segment.deleted_count()
    if not count:
        return None
    key = ("deleted", _segment_id(reader), count)
    mask = CACHE.get(key)
    if mask is None:
        mask = np.zeros(reader.doc_count_all() + 1, dtype=bool)
        mask[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = True
        CACHE.put(key, mask, size=mask.nbytes)
    return mask


class ArrayCache:
    """Arrays read from segments (posting lists, field lengths), up to a number of bytes.

    Decoding is most of the cost of a search on frequent words (each block of postings
    is unpickled and decompressed), and the same frequent words come back query after
    query. Segments never change once written, so what is read from one stays true until
    the segment is merged away; its entries then fall out as the least recently used.
    """

    def __init__(self, *, max_bytes: int | None = None):
        self._max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def max_bytes(self) -> int:
        """The bytes it may hold: SEARCH_POSTINGS_CACHE_MB (32 by default)."""
        if self._max_bytes is not None:
            return self._max_bytes
        return int(getattr(settings, "SEARCH_POSTINGS_CACHE_MB", 32) * 1024 * 1024)

    @property
    def size(self) -> int:
        """The bytes the cached arrays take."""
        return self._bytes

    def get(self, key: tuple):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: tuple, value, *, size: int) -> None:
        limit = self.max_bytes
        if size > limit // 4:
            return  # one entry would crowd out the rest: it is read each time
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > limit:
                self._bytes -= self._items.popitem(last=False)[1][1]

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @contextmanager
    def set_aside(self):
        """Within the block, start empty; afterwards, hold what it held before (the
        benchmark's cold reads, which must not empty the cache for the next queries)."""
        with self._lock:
            kept, kept_bytes = self._items, self._bytes
            self._items, self._bytes = OrderedDict(), 0
        try:
            yield self
        finally:
            with self._lock:
                self._items, self._bytes = kept, kept_bytes


CACHE = ArrayCache()
