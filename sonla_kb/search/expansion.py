"""Prefixes, wildcards and near spellings, expanded once per search into a set of terms.

Whoosh matches ``config*`` by OR-ing a matcher per expanded term; with a few thousand
terms that tree costs more than all the rest of the answer, and the expansion is redone
for counting, ranking and highlighting. Here the terms are listed once, and each
segment reads their postings straight into one list of documents, all scored alike.
"""

from itertools import islice

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import qcore

MAX_TERMS = 20_000  # an expansion larger than this is cut: a search must stay cheap
EXPANDING = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex)


class TermSet(qcore.Query):
    """Documents holding any of a set of terms of one field, all with the same score."""

    def __init__(self, fieldname: str, btexts: frozenset[bytes], boost: float = 1.0):
        self.fieldname = fieldname
        self.btexts = btexts
        self.boost = boost
        # Per segment reader, its documents: a search lists, then scores, the same segment.
        self._docs: dict[int, tuple[object, list[int]]] = {}

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
        return sum(ixreader.doc_frequency(self.fieldname, b) for b in self.btexts)

    def matcher(self, searcher, context=None):
        """One list of the segment's documents that hold any of the terms."""
        reader = searcher.reader()
        cached = self._docs.get(id(reader))
        if cached is None or cached[0] is not reader:
            ids: set[int] = set()
            for btext in self.btexts:
                if (self.fieldname, btext) in reader:
                    ids.update(reader.postings(self.fieldname, btext).all_ids())
            cached = self._docs[id(reader)] = (reader, sorted(ids))
        if not cached[1]:
            return NullMatcher()
        return ListMatcher(cached[1], all_weights=self.boost)


def expand(query: wq.Query, reader) -> wq.Query:
    """The query with every prefix, wildcard and near spelling replaced by its terms."""

    def visit(q: wq.Query) -> wq.Query:
        if isinstance(q, EXPANDING):
            btexts = frozenset(islice((b for b in q._btexts(reader) if b), MAX_TERMS))
            return TermSet(q.fieldname, btexts, boost=q.boost) if btexts else wq.NullQuery
        return q

    return query.accept(visit)
