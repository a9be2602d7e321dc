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
matched by Whoosh's own matcher and joins the rest as arrays.
"""

import weakref
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from ...limits import Budget
from .expansion import TermSet

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
        self.leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.subsearchers = searcher.leaf_searchers()

    def visit(self, q: wq.Query) -> Matches:
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
                return self.visit(q.subqueries[0])
            parts = [self.visit(s) for s in q.subqueries]
            joined = _intersect(parts) if kind is wq.And else _union(parts)
            return _boosted(joined, q.boost)
        if kind is wq.AndMaybe:
            return _and_maybe(self.visit(q.a), self.visit(q.b))
        if kind is wq.AndNot:
            return _and_not(self.visit(q.a), self.visit(q.b))
        if kind is wq.ConstantScoreQuery:
            found = self.visit(q.child)
            return Matches(found.docs, np.full(len(found.docs), float(q.score)))
        return self.by_whoosh(q)

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
        for reader, offset in self.leaves:
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
        for reader, offset in self.leaves:
            for btext in self.budget.until_expired(q.btexts, every=64):
                if (q.fieldname, btext) in reader:
                    docs.append(_postings(reader, q.fieldname, btext)[0] + offset)
        if not docs:
            return Matches.none()
        found = np.unique(np.concatenate(docs))
        return Matches(found, np.full(len(found), float(q.boost)))

    def by_whoosh(self, q: wq.Query) -> Matches:
        """Whoosh's own matcher, segment by segment, read into arrays."""
        docs: list[int] = []
        scores: list[float] = []
        context = self.searcher.context()
        for sub, offset in self.subsearchers:
            m = q.matcher(sub, context)
            while m.is_active():
                if len(docs) % 512 == 0 and self.budget.expired():
                    break
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


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if not parts:
        return Matches.none()
    if len(parts) == 1:
        return parts[0]
    docs, inverse = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(
        inverse, weights=np.concatenate([p.scores for p in parts]), minlength=len(docs)
    )
    return Matches(docs, scores)


def _intersect(parts: list[Matches]) -> Matches:
    if not parts or any(not len(p) for p in parts):
        return Matches.none()
    docs = min(parts, key=len).docs
    for p in parts:
        docs = np.intersect1d(docs, p.docs, assume_unique=True)
    scores = np.zeros(len(docs))
    for p in parts:
        scores = scores + p.scores[np.searchsorted(p.docs, docs)]
    return Matches(docs, scores)


def _and_maybe(required: Matches, optional: Matches) -> Matches:
    if not len(required) or not len(optional):
        return required
    at = np.searchsorted(optional.docs, required.docs)
    inside = at < len(optional.docs)
    hit = np.zeros(len(required.docs), dtype=bool)
    hit[inside] = optional.docs[at[inside]] == required.docs[inside]
    scores = required.scores.copy()
    scores[hit] += optional.scores[at[hit]]
    return Matches(required.docs, scores)


def _and_not(positive: Matches, negative: Matches) -> Matches:
    if not len(positive) or not len(negative):
        return positive
    keep = ~np.isin(positive.docs, negative.docs, assume_unique=True)
    return Matches(positive.docs[keep], positive.scores[keep])


def _postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """A term's documents (segment numbers) and weights, deleted documents left out."""
    m = reader.postings(fieldname, btext)
    deleted = None
    if isinstance(m, FilterMatcher):
        deleted, m = m._ids, m.child
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
    if deleted:
        keep = ~np.isin(ids, _deleted_array(reader, deleted))
        ids, weights = ids[keep], weights[keep]
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


# Per segment reader: its field lengths and deleted documents, read once.
_per_reader: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def _cache(reader) -> dict:
    try:
        return _per_reader.setdefault(reader, {})
    except TypeError:  # not weakly referable: no cache
        return {}


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in the field, as Whoosh's scorer reads it (1 when unknown)."""
    cache = _cache(reader)
    key = ("lengths", fieldname)
    if key not in cache:
        count = reader.doc_count_all()
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            lengths = np.ones(count)
        else:
            raw = bytes(column._dbfile.get(column._basepos, column._count))
            codes = np.zeros(count + 1, dtype=np.uint8)
            codes[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)
            lengths = _LENGTHS[codes]
        cache[key] = lengths
    return cache[key]


def _deleted_array(reader, deleted) -> np.ndarray:
    cache = _cache(reader)
    if "deleted" not in cache:
        cache["deleted"] = np.fromiter(deleted, dtype=np.int64, count=len(deleted))
    return cache["deleted"]
