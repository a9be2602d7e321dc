"""A segment's postings, held as arrays until the segment is written: the segment writer's
pool, in place of Whoosh's.

Whoosh's pool keeps every posting as a tuple (field, term, document, weight, value); past
its memory limit it sorts them and pickles them to a temporary file, and at the end
merges those files back in order. Here each field keeps its postings in typed arrays
(term number, document, weight) and its values' bytes end to end: a posting takes a
sixth of the memory, and is put in order with the others by one numpy sort (bulk.py).
"""

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length

from .words import Words, by_text, value_size

# Each length byte's length, as Whoosh reads it back (a zero byte: no length).
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)

# About what a posting and a new term take in memory: three numbers in arrays and an end
# (its value's bytes are counted as they are); a term's text, dict entry and number.
POSTING_BYTES = 20
TERM_BYTES = 130


class FieldPostings:
    """One field's postings, in the order they were added.

    Terms are numbered as they first come; a field whose values Whoosh's own
    ``FieldType.index`` turns into words keeps them as text, and encodes each once when it
    is written, rather than once for every posting.
    """

    __slots__ = (
        "by_text",
        "docnums",
        "ends",
        "nbytes",
        "termids",
        "terms",
        "value_size",
        "values",
        "weights",
    )

    def __init__(self, *, by_text: bool, value_size: int | None):
        self.by_text = by_text  # terms kept as str (else as the bytes the field gives)
        self.terms: dict = {}
        self.termids = array("I")
        self.docnums = array("I")
        self.weights = array("f")
        self.value_size = value_size  # None: values of any length; else their fixed size
        self.values = bytearray()  # the values' bytes end to end
        self.ends = array("Q")  # for values of any length, where each ends
        self.nbytes = 0  # about what all this takes in memory

    def add_words(self, docnum: int, words: Words, boost: float) -> int:
        """Add a document's terms; return the sum of their frequencies (the document's
        length in the field)."""
        terms = self.terms
        setdefault, known = terms.setdefault, len(terms)
        self.termids.extend([setdefault(term, len(terms)) for term in words.terms])
        self.docnums.extend([docnum] * len(words.terms))
        self.nbytes += POSTING_BYTES * len(words.terms) + len(words.values)
        self.nbytes += TERM_BYTES * (len(terms) - known)
        weights = words.weights if boost == 1.0 else [w * boost for w in words.weights]
        self.weights.extend(weights)
        if self.value_size is None:
            start = len(self.values)
            self.ends.extend([start + end for end in accumulate(words.sizes)])
        self.values += words.values
        return sum(words.freqs)

    def add(self, btext: bytes, docnum: int, weight: float, vbytes: bytes | None) -> None:
        """Add one posting given as Whoosh's pool takes it (a merged segment's, say)."""
        term = btext.decode("utf-8") if self.by_text else btext
        value = vbytes or b""
        if self.value_size is not None and len(value) != self.value_size:
            raise ValueError(f"values of this field must be {self.value_size} bytes long")
        sizes = None if self.value_size is not None else [len(value)]
        self.add_words(docnum, Words([term], [1], [weight], value, sizes), 1.0)

    def __len__(self) -> int:
        return len(self.docnums)

    def sorted_terms(self) -> tuple[list[bytes], np.ndarray]:
        """The terms' bytes in the order of the index, and their term numbers in that order."""
        found = [t.encode("utf-8") for t in self.terms] if self.by_text else list(self.terms)
        # Sorted by numpy, as objects: its order array holds no Python number per term.
        order = np.argsort(np.array(found, dtype=object), kind="stable")
        return [found[i] for i in order], order


class Postings:
    """Every field's postings for one segment: what Whoosh's PostingPool holds, as arrays."""

    def __init__(self, schema):
        self.schema = schema
        self.fields: dict[str, FieldPostings] = {}

    def field(self, fieldname: str) -> FieldPostings:
        found = self.fields.get(fieldname)
        if found is None:
            fieldobj = self.schema[fieldname]
            found = self.fields[fieldname] = FieldPostings(
                by_text=by_text(fieldobj), value_size=value_size(fieldobj)
            )
        return found

    @property
    def nbytes(self) -> int:
        """About what the postings take in memory."""
        return sum(f.nbytes for f in self.fields.values())

    # Whoosh's pool interface: merges of older segments add their postings this way, and
    # its multiprocess writer reads the fields an indexing process wrote.
    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def add(self, item: tuple) -> None:
        fieldname, btext, docnum, weight, vbytes = item
        self.field(fieldname).add(btext, docnum, weight, vbytes)

    def add_all(self, items: Iterable[tuple]) -> None:
        for item in items:
            self.add(item)

    def iter_postings(self) -> Iterator[tuple]:
        """Every posting in the index's order, as Whoosh's pool yields them."""
        for fieldname in sorted(self.fields):
            for btext, docs, weights, values in terms_in_order(self.fields[fieldname]):
                for i, docnum in enumerate(docs):
                    yield fieldname, btext, docnum, weights[i], values[i]

    def cleanup(self) -> None:
        self.fields.clear()


CHUNK = 1 << 14  # postings turned into Python lists at a time, when a field is written


@dataclass
class Chunk:
    """Consecutive terms of a field and their postings, as Python lists: the documents
    (`deltas`: as blocks store them, the first of a block whole, then the steps), their
    weights, values and lengths in the field; term k's are at [bounds[k]:bounds[k + 1]]."""

    btexts: list[bytes]
    bounds: list[int]
    docs: list[int]
    deltas: list[int]
    weights: list[float]
    values: list[bytes]
    lengths: list[int]
    length_bytes: list[int]  # the lengths as stored: a byte each (zero: no length)


def chunks(
    postings: FieldPostings, length_bytes: np.ndarray | None = None, *, blocklimit: int = 128
) -> Iterator[Chunk]:
    """A field's terms in the order of the index, with their postings, a chunk at a time
    (length_bytes: each document's length byte in the field; without them, zeros). A field's
    millions of postings as Python numbers at once would not fit in memory."""
    btexts, order = postings.sorted_terms()
    if not btexts:
        return
    termids = np.frombuffer(postings.termids, dtype=np.uint32)
    docs = np.frombuffer(postings.docnums, dtype=np.uint32)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    by_term = np.lexsort((docs, rank[termids]))
    counts = np.bincount(termids, minlength=len(order))[order]
    starts = np.concatenate(([0], np.cumsum(counts)))
    docs_sorted = docs[by_term].astype(np.int64)
    weights = np.frombuffer(postings.weights, dtype=np.float32)[by_term]
    # Each posting's place in its term's list: a block begins where it divides by blocklimit.
    within = np.arange(len(docs_sorted)) - np.repeat(starts[:-1], counts)
    deltas = np.diff(docs_sorted, prepend=0)
    opens = within % blocklimit == 0
    deltas[opens] = docs_sorted[opens]
    size = postings.value_size
    if size is None:
        ends = np.frombuffer(postings.ends, dtype=np.uint64).astype(np.int64)
        begins = np.concatenate(([0], ends[:-1]))[by_term]
        ends = ends[by_term]
        raw = bytes(postings.values)  # slices of bytes are bytes: one copy, not one a value
    elif size:
        fixed = np.frombuffer(bytes(postings.values), dtype=np.uint8).reshape(-1, size)[by_term]
    k, count = 0, len(btexts)
    while k < count:
        # The terms of the next chunk: at least one, and as many as fit in CHUNK postings.
        end = max(k + 1, int(np.searchsorted(starts, starts[k] + CHUNK, side="right")) - 1)
        end = min(end, count)
        a0, b0 = int(starts[k]), int(starts[end])
        if size is None:
            spans = zip(begins[a0:b0].tolist(), ends[a0:b0].tolist(), strict=True)
            values = [raw[x:y] for x, y in spans]
        elif size:
            flat = fixed[a0:b0].tobytes()
            values = [flat[i : i + size] for i in range(0, len(flat), size)]
        else:
            values = [emptybytes] * (b0 - a0)
        if length_bytes is None:
            stored = np.zeros(b0 - a0, dtype=np.uint8)
        else:
            stored = length_bytes[docs_sorted[a0:b0]]
        yield Chunk(
            btexts=btexts[k:end],
            bounds=(starts[k : end + 1] - a0).tolist(),
            docs=docs_sorted[a0:b0].tolist(),
            deltas=deltas[a0:b0].tolist(),
            weights=weights[a0:b0].tolist(),
            values=values,
            lengths=LENGTH_OF_BYTE[stored].tolist(),
            length_bytes=stored.tolist(),
        )
        k = end


def terms_in_order(postings: FieldPostings) -> Iterator[tuple]:
    """Each term's (bytes, documents, weights, values), in the order of the index."""
    for chunk in chunks(postings):
        bounds = chunk.bounds
        for k, btext in enumerate(chunk.btexts):
            a, b = bounds[k], bounds[k + 1]
            yield btext, chunk.docs[a:b], chunk.weights[a:b], chunk.values[a:b]
