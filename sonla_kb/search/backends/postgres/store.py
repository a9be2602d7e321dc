"""Writing the search tables, in the transaction of the change itself.

A record saved, themed or deleted is rewritten here at once, inside the transaction that
changes it: when that transaction commits, every app server's next search sees it, and a
rollback takes the index change back with it. No log, no lag, no lock file.
"""

import json
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from ....progress import ProgressFactory, quiet
from ...contract import CheckReport, RebuildResult
from ...documents import (
    SOURCE_BY_LABEL,
    compare_with_records,
    count_documents,
    doc_id,
    documents_for,
    iter_documents,
)
from .tokens import to_vector

STORED = (
    "type",
    "key",
    "url",
    "title",
    "title_translated",
    "content",
    "tagnames",
    "date",
    "language",
    "sample",
    "pages",
    "year",
    "fingerprint",
)
INSERT = (
    "INSERT INTO search_document"
    " (id, type, language, year, datenum, tagids, fields, fingerprint, words, vector)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s, %s::tsvector)"
)


def _row(doc: dict[str, Any]) -> tuple:
    vector, words = to_vector(doc)
    tagids = [t for t in (doc.get("tagid") or "").split(",") if t]
    fields = {k: doc[k] for k in STORED if k in doc}
    return (
        doc["id"],
        doc["type"],
        doc.get("language"),
        doc.get("year"),
        doc.get("datenum"),
        tagids,
        json.dumps(fields),
        doc["fingerprint"],
        words,
        vector,
    )


def _count_words(cur, delta: Counter) -> None:
    """Keep the vocabulary's document counts (near spellings and corrections read them)."""
    changed = sorted((w, n) for w, n in delta.items() if n)  # one order: no deadlock
    if not changed:
        return
    cur.executemany(
        "INSERT INTO search_word (word, docs) VALUES (%s, %s)"
        " ON CONFLICT (word) DO UPDATE SET docs = search_word.docs + EXCLUDED.docs",
        changed,
    )
    cur.execute(
        "DELETE FROM search_word WHERE word = ANY(%s) AND docs <= 0",
        [[w for w, n in changed if n < 0]],
    )


def _bump(cur) -> None:
    cur.execute("UPDATE search_state SET version = version + 1 WHERE id = 1")


def write(docs: Iterable[dict[str, Any]], *, remove: Iterable[str] = ()) -> None:
    """Put these documents in the index (replacing their old versions) and remove others."""
    docs = list(docs)
    ids = [d["id"] for d in docs] + list(remove)
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM search_document WHERE id = ANY(%s) RETURNING words", [sorted(ids)])
        delta: Counter = Counter()
        for (words,) in cur.fetchall():
            delta.subtract(words)
        rows = [_row(d) for d in docs]
        for row in rows:
            delta.update(row[8])
        if rows:
            cur.executemany(INSERT, rows)
        _count_words(cur, delta)
        _bump(cur)


def record_changes(*, label: str, pks: list[int]) -> None:
    """Rewrite these records' documents now, in the caller's transaction."""
    source = SOURCE_BY_LABEL.get(label)
    if source is None:
        return
    docs = documents_for(source, pks)
    write(docs.values(), remove=[doc_id(source, pk) for pk in pks if pk not in docs])


def rebuild(
    *, batch_size: int = 1000, progress: ProgressFactory = quiet, **_ignored
) -> RebuildResult:
    """Index every public record afresh, in one transaction: searches see the old index until
    it commits. (`procs` and `limitmb` are Whoosh's; they mean nothing here.)"""
    count = 0
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("LOCK TABLE search_document IN EXCLUSIVE MODE")  # one rebuild at a time
        cur.execute("DELETE FROM search_document")
        cur.execute("DELETE FROM search_word")
        with progress(total=count_documents(), label="Indexing") as bar:
            batch: list[tuple] = []
            for doc in iter_documents(batch_size=batch_size):
                batch.append(_row(doc))
                if len(batch) >= batch_size:
                    cur.executemany(INSERT, batch)
                    count += len(batch)
                    bar.update(len(batch))
                    batch = []
            if batch:
                cur.executemany(INSERT, batch)
                count += len(batch)
                bar.update(len(batch))
        with progress(total=count, label="Writing the index") as bar:
            cur.execute(
                "INSERT INTO search_word (word, docs)"
                " SELECT w, count(*) FROM search_document, unnest(words) AS w GROUP BY w"
            )
            cur.execute("UPDATE search_state SET version = version + 1, built = true WHERE id = 1")
            bar.update(count)
    return RebuildResult(generation="postgresql", documents=count)


def clear() -> None:
    """Empty the search tables and mark the index never built, as a fresh install has them.

    Not a model's tables, so Django's flush leaves them as they are: the tests that commit
    call this after each such test, as the Whoosh backend's tests get a new folder each.
    """
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM search_document")
        cur.execute("DELETE FROM search_word")
        cur.execute("UPDATE search_state SET version = version + 1, built = false WHERE id = 1")


def index_absent() -> bool:
    """True until the first rebuild (a fresh install)."""
    with connection.cursor() as cur:
        cur.execute("SELECT built FROM search_state WHERE id = 1")
        row = cur.fetchone()
    return not (row and row[0])


def index_state() -> str:
    """A token that changes with every write to the index."""
    with connection.cursor() as cur:
        cur.execute("SELECT version FROM search_state WHERE id = 1")
        row = cur.fetchone()
    return f"pg-{row[0]}" if row else "none"


def check(*, repair: bool, progress: ProgressFactory = quiet, **_ignored) -> CheckReport:
    """Compare the index with the database; with `repair`, make them agree."""
    report = CheckReport()
    if index_absent():
        report.absent = True
        if repair:
            rebuild(progress=progress)
            report.repaired = True
        return report
    with connection.cursor() as cur:
        cur.execute("SELECT id, fingerprint FROM search_document")
        indexed = dict(cur.fetchall())
    current = compare_with_records(report, indexed=indexed, progress=progress)
    if repair and not report.clean:
        write([current[i] for i in report.missing + report.stale], remove=report.extra)
        report.repaired = True
    return report


def catch_up(*, lock_timeout: float = 0, progress: ProgressFactory = quiet, **_ignored) -> int:
    """Nothing to catch up: every change was written in its own transaction."""
    return 0


@contextmanager
def showing_catch_up(progress: ProgressFactory):
    """Changes are written as they happen: there is no catch-up to show."""
    yield
