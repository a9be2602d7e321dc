"""One searcher per process, refreshed when the index changes, never opened per query.

Beside it, per searcher, the facet columns: each document's type, year and themes,
read once from the postings, so that counting facets over a result set is a tally.
"""

import heapq
import logging
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from . import storage

log = logging.getLogger(__name__)
UNDATED = 2**31 - 1


@dataclass
class Columns:
    """Per document number its date (yyyymmdd); and for each filter value (a type, a year,
    a theme, a language) the documents that have it, as a set and as an array."""

    size: int
    datenum: list
    having: dict[tuple[str, str], frozenset[int]]
    value_docs: dict[tuple[str, str], np.ndarray]

    @classmethod
    def read(cls, searcher: Searcher) -> "Columns":
        """Read the filter sets and the dates from the postings of a searcher's reader."""
        reader = searcher.reader()
        having: dict[tuple[str, str], frozenset[int]] = {}
        for fieldname in ("type", "year", "tagid", "language"):
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8")
                having[(fieldname, value)] = frozenset(reader.postings(fieldname, term).all_ids())
        datenum: list[int] = []
        # Segment by segment: a segment whose documents have no date has no column at all.
        for leaf, _offset in reader.leaf_readers():
            count = leaf.doc_count_all()
            if leaf.has_column("datenum"):
                # A document without a date reads as the column's default, 2**31 - 1.
                datenum.extend(v if v and v < UNDATED else 0 for v in leaf.column_reader("datenum"))
            else:
                datenum.extend([0] * count)
        value_docs = {
            key: np.fromiter(docs, dtype=np.int64, count=len(docs)) for key, docs in having.items()
        }
        return cls(reader.doc_count_all(), datenum, having, value_docs)

    def allowed(
        self,
        *,
        types: tuple[str, ...],
        years: tuple[int, int] | None,
        tags: list[str],
        lang: str | None,
    ) -> frozenset[int] | None:
        """The documents the filters let through (None: no filter), by set operations."""
        empty: frozenset[int] = frozenset()
        parts: list[frozenset[int]] = []
        if types:
            parts.append(empty.union(*(self.having.get(("type", t), empty) for t in types)))
        if years:
            first, last = years
            chosen = [
                d for (f, y), d in self.having.items() if f == "year" and first <= int(y) <= last
            ]
            parts.append(empty.union(*chosen))
        parts.extend(self.having.get(("tagid", slug), empty) for slug in tags)
        if lang:
            parts.append(self.having.get(("language", lang), empty))
        if not parts:
            return None
        parts.sort(key=len)
        return parts[0].intersection(*parts[1:])

    def by_date(self, docnums: list[int], *, newest: bool, limit: int) -> list[int]:
        """The first `limit` documents by date (newest or oldest first), undated last."""
        date = self.datenum.__getitem__
        if newest:
            return heapq.nlargest(limit, docnums, key=date)
        return heapq.nsmallest(limit, docnums, key=lambda d: date(d) or 99_999_999)

    def count(self, docnums) -> dict[str, Counter]:
        """Facet counts over a set of documents: for each value, its documents in the set."""
        counts: dict[str, Counter] = {"type": Counter(), "year": Counter(), "tagid": Counter()}
        if not len(docnums):
            return counts
        chosen = np.zeros(self.size, dtype=bool)
        chosen[np.asarray(docnums, dtype=np.int64)] = True
        for (fieldname, value), docs in sorted(self.value_docs.items()):
            if fieldname in counts:
                n = int(np.count_nonzero(chosen[docs]))
                if n:
                    counts[fieldname][value] = n
        return counts


@dataclass
class Handle:
    """An open searcher on one generation, and what is cached beside it."""

    root: Path
    generation: Path
    searcher: Searcher
    columns: Columns | None = None
    checked_log_at: float = 0.0
    segment_sizes: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def facet_columns(self) -> Columns:
        """The facet columns of this searcher, read on first use."""
        with self.lock:
            if self.columns is None:
                self.columns = Columns.read(self.searcher)
            return self.columns


_lock = threading.Lock()
_handle: Handle | None = None


def current() -> Handle:
    """The process's searcher on the current generation, refreshed if the index changed."""
    global _handle
    root = storage.index_root()
    generation = storage.current_generation(root)
    if generation is None:
        raise storage.IndexUnavailable("there is no search index yet")
    with _lock:
        handle = _handle
        stale = handle is None or handle.root != root or handle.generation != generation
        # Not Searcher.refresh(): it reuses the reader of a segment whose deletions changed,
        # so a deleted or unpublished record would stay findable.
        if stale or not handle.searcher.up_to_date():
            ix = whoosh_index.open_dir(str(generation))
            handle = Handle(root=root, generation=generation, searcher=ix.searcher())
            handle.segment_sizes = _segment_sizes(generation)
        elif _shrunk(handle):
            _handle = None
            raise storage.IndexUnavailable("index files were truncated under the open searcher")
        _handle = handle
    return handle


def _segment_sizes(generation: Path) -> dict[str, int]:
    """The sizes of a generation's segment files, which Whoosh maps into memory."""
    sizes = {}
    for entry in os.scandir(generation):
        if entry.name.endswith(".seg"):
            try:
                sizes[entry.name] = entry.stat().st_size
            except FileNotFoundError:
                continue
    return sizes


def _shrunk(handle: Handle) -> bool:
    """True when a mapped segment file got shorter: reading it would kill the process (SIGBUS).

    A few stat calls per search. A file that is gone is harmless: the mapping keeps it whole.
    """
    for name, size in handle.segment_sizes.items():
        try:
            if os.stat(handle.generation / name).st_size < size:
                return True
        except FileNotFoundError:
            continue
    return False


def open_index() -> None:
    """Open the process's searcher and read its facet columns, as a first search would."""
    current().facet_columns()


def forget() -> None:
    """Drop the process's searcher (after a fault, or in tests)."""
    global _handle
    with _lock:
        _handle = None


def due_for_log_check(handle: Handle, *, every: float = 5.0) -> bool:
    """True at most once every few seconds: time to look whether the log is ahead."""
    now = time.monotonic()
    if now - handle.checked_log_at < every:
        return False
    handle.checked_log_at = now
    return True
