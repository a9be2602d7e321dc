"""Prefixes, wildcards and near spellings, expanded once per search into a set of terms.

Whoosh matches ``config*`` by OR-ing a matcher per expanded term; with a few thousand
terms that tree costs more than all the rest of the answer, and the expansion is redone
for counting, ranking and highlighting. Here the terms are listed once, and each
segment reads their postings straight into one list of documents, all scored alike.
"""

import re
from collections.abc import Iterator
from itertools import islice

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import qcore

from ...limits import (
    MAX_EXPANDING,
    MAX_QUERY_TERMS,
    MAX_SCANNED,
    MAX_TERMS,
    Budget,
    too_many_notice,
    too_wide_notice,
)

EXPANDING = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex, wq.TermRange)
ESTIMATE_SAMPLE = 50


class TermSet(qcore.Query):
    """Documents holding any of a set of terms of one field, all with the same score."""

    def __init__(
        self,
        fieldname: str,
        btexts: frozenset[bytes],
        boost: float = 1.0,
        *,
        budget: Budget | None = None,
    ):
        self.fieldname = fieldname
        self.btexts = btexts
        self.boost = boost
        self.budget = budget
        # Per segment reader, its documents: a search lists, then scores, the same segment.
        self._docs: dict[int, tuple[object, list[int]]] = {}
        # Per reader, the estimate: Whoosh asks for it again at every level of the tree.
        self._sizes: dict[int, tuple[object, int]] = {}

    def __eq__(self, other):
        return type(other) is type(self) and (self.fieldname, self.btexts, self.boost) == (
            other.fieldname,
            other.btexts,
            other.boost,
        )

    def __hash__(self):
        return hash((self.fieldname, self.btexts, self.boost))

    def __repr__(self):
        return f"TermSet({self.fieldname!r}, {len(self.btexts)} terms)"

    def is_leaf(self) -> bool:
        """A leaf: it has no sub-queries."""
        return True

    def field(self) -> str:
        """The field its terms belong to."""
        return self.fieldname

    def terms(self, phrases=False):
        """Every term of the set, as (field, bytes)."""
        for btext in self.btexts:
            yield (self.fieldname, btext)

    def expanded_terms(self, ixreader, phrases=False):
        """The same terms: the set is already expanded."""
        return self.terms(phrases)

    def estimate_size(self, ixreader) -> int:
        """How many documents may match."""
        cached = self._sizes.get(id(ixreader))
        if cached is None or cached[0] is not ixreader:
            # Whoosh only orders sub-queries by it: a sample of the terms is close enough.
            sample = list(islice(self.btexts, ESTIMATE_SAMPLE))
            size = sum(ixreader.doc_frequency(self.fieldname, b) for b in sample)
            size = size * len(self.btexts) // max(1, len(sample))
            cached = self._sizes[id(ixreader)] = (ixreader, size)
        return cached[1]

    def matcher(self, searcher, context=None):
        """One list of the segment's documents that hold any of the terms."""
        reader = searcher.reader()
        cached = self._docs.get(id(reader))
        if cached is None or cached[0] is not reader:
            ids: set[int] = set()
            btexts = (
                self.budget.until_expired(self.btexts, every=64) if self.budget else self.btexts
            )
            for btext in btexts:
                if (self.fieldname, btext) in reader:
                    ids.update(reader.postings(self.fieldname, btext).all_ids())
            cached = self._docs[id(reader)] = (reader, sorted(ids))
        if not cached[1]:
            return NullMatcher()
        return ListMatcher(cached[1], all_weights=self.boost)


def _typed(q: wq.Query) -> str:
    if isinstance(q, wq.TermRange):
        return f"[{q.start or ''} TO {q.end or ''}]"
    return q.text


def _candidates(q: wq.Query, reader, budget: Budget) -> Iterator[bytes]:
    """The index terms `q` stands for, looking at a bounded part of the lexicon."""
    if isinstance(q, wq.PatternQuery) and not isinstance(q, wq.Prefix):
        # A wildcard filters the lexicon with a pattern: bound what it looks at.
        pattern = re.compile(q._get_pattern())
        prefix = q._find_prefix(q.text)
        lexicon = (
            reader.expand_prefix(q.fieldname, prefix) if prefix else reader.lexicon(q.fieldname)
        )
        for i, btext in enumerate(budget.until_expired(lexicon)):
            if i >= MAX_SCANNED:
                budget.note(too_wide_notice(q.text))
                return
            if pattern.match(btext.decode("utf-8")):
                yield btext
        return
    yield from budget.until_expired(b for b in q._btexts(reader) if b)


def expand(query: wq.Query, reader, *, budget: Budget) -> wq.Query:
    """The query with every prefix, wildcard and near spelling replaced by its terms.

    Each stands for at most MAX_TERMS terms, all of them together for MAX_QUERY_TERMS,
    and only the first MAX_EXPANDING of them are expanded; the rest match as typed.
    """
    state = {"terms": 0, "expanding": 0}

    def visit(q: wq.Query) -> wq.Query:
        if not isinstance(q, EXPANDING):
            return q
        state["expanding"] += 1
        if state["expanding"] > MAX_EXPANDING:
            budget.note(too_many_notice(MAX_EXPANDING))
            if isinstance(q, wq.TermRange):
                return wq.NullQuery
            return wq.Term(q.fieldname, q.text, boost=q.boost)
        room = min(MAX_TERMS, MAX_QUERY_TERMS - state["terms"])
        btexts = frozenset(islice(_candidates(q, reader, budget), room + 1))
        if len(btexts) > room:
            budget.note(too_wide_notice(_typed(q)))
            btexts = frozenset(sorted(btexts)[:room])
        state["terms"] += len(btexts)
        if not btexts:
            return wq.NullQuery
        return TermSet(q.fieldname, btexts, boost=q.boost, budget=budget)

    return query.accept(visit)
