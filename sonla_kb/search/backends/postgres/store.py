"""Writing the search tables, in the transaction of the change itself.

A record saved, themed or deleted is rewritten here at once, inside the transaction that
changes it: when that transaction commits, every app server's next search sees it, and a
rollback takes the index change back with it. No log, no lag, no lock file.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
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
COLUMNS = "id, type, language, year, datenum, tagids, fields, fingerprint, vector, length"
COPY = "COPY {table} (" + COLUMNS + ") FROM STDIN"
REBUILT = "search_rebuilt"  # a batch of a rebuild's rows, before they are merged
SEEN = "search_rebuilt_ids"  # the ids a rebuild wrote: the index's other rows are gone
BATCH = 1000  # documents read, analysed and written at a time


def _array(values: list[str]) -> str:
    """A text[] literal, as COPY reads it."""
    if not values:
        return "{}"
    joined = '","'.join(values)
    if "\\" in joined or '"' in joined:
        joined = '","'.join(v.replace("\\", "\\\\").replace('"', '\\"') for v in values)
    return '{"' + joined + '"}'


def _row(doc: dict[str, Any]) -> tuple[tuple, list[str]]:
    """A document's row for COPY, and its distinct words (for the vocabulary's counts)."""
    vector, words, length = to_vector(doc)
    tagids = [t for t in (doc.get("tagid") or "").split(",") if t]
    fields = {k: doc[k] for k in STORED if k in doc}
    row = (
        doc["id"],
        doc["type"],
        doc.get("language"),
        doc.get("year"),
        doc.get("datenum"),
        _array(tagids),
        json.dumps(fields),
        doc["fingerprint"],
        vector,
        length,
    )
    return row, words


def _copy(cur, rows: list[tuple], *, table: str = "search_document") -> None:
    """Write rows in one COPY: far cheaper than an INSERT per row."""
    if not rows:
        return
    with cur.copy(COPY.format(table=table)) as copy:
        for row in rows:
            copy.write_row(row)


def _count_words(cur, delta: Counter) -> None:
    """Keep the vocabulary's document counts (near spellings and corrections read them):
    one statement for every word of a batch."""
    changed = sorted((w, n) for w, n in delta.items() if n)  # one order: no deadlock
    if not changed:
        return
    cur.execute(
        "INSERT INTO search_word (word, docs)"
        " SELECT * FROM unnest(%s::text[], %s::integer[])"
        " ON CONFLICT (word) DO UPDATE SET docs = search_word.docs + EXCLUDED.docs",
        [[w for w, _n in changed], [n for _w, n in changed]],
    )
    gone = [w for w, n in changed if n < 0]
    if gone:
        cur.execute("DELETE FROM search_word WHERE word = ANY(%s) AND docs <= 0", [gone])


def _bump(cur) -> None:
    cur.execute("UPDATE search_state SET version = version + 1 WHERE id = 1")


def write(docs: Iterable[dict[str, Any]], *, remove: Iterable[str] = ()) -> None:
    """Put these documents in the index (replacing their old versions) and remove others:
    one DELETE, one COPY and one vocabulary statement, whatever their number."""
    docs = list(docs)
    ids = [d["id"] for d in docs] + list(remove)
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "DELETE FROM search_document WHERE id = ANY(%s) RETURNING tsvector_to_array(vector)",
            [sorted(ids)],
        )
        delta: Counter = Counter()
        for (words,) in cur.fetchall():
            delta.subtract(words)
        rows = []
        for doc in docs:
            row, words = _row(doc)
            rows.append(row)
            delta.update(words)
        _copy(cur, rows)
        _count_words(cur, delta)
        _bump(cur)


def record_changes(
    *, label: str, pks: list[int], advance: Callable[[int], object] | None = None
) -> None:
    """Rewrite these records' documents now, in the caller's transaction, a batch at a time
    (an import hands over thousands at once: see record_gathered)."""
    source = SOURCE_BY_LABEL.get(label)
    pks = sorted(set(pks))
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        if source is not None:
            docs = documents_for(source, chunk)
            write(docs.values(), remove=[doc_id(source, pk) for pk in chunk if pk not in docs])
        if advance:
            advance(len(chunk))


# What writing gathered changes shows: nothing, unless a command asked (showing_catch_up).
_progress: ContextVar[ProgressFactory] = ContextVar("postgres_progress", default=quiet)


def record_gathered(*, changes: dict[str, list[int]]) -> None:
    """Rewrite many records' documents at once (changes.gathered_changes hands them over at
    the end of an import, in its transaction), with one progress display for them all."""
    total = sum(len(pks) for pks in changes.values())
    with _progress.get()(total=total, label="Indexing changes", unit="changes") as bar:
        for label, pks in changes.items():
            record_changes(label=label, pks=pks, advance=bar.update)


def rebuild(
    *, batch_size: int = BATCH, progress: ProgressFactory = quiet, **_ignored
) -> RebuildResult:
    """Index every public record afresh, in one transaction: searches see the old index until
    it commits. (`procs` and `limitmb` are Whoosh's; they mean nothing here.)

    Documents are read and analysed a batch at a time, each batch written in one COPY to a
    temporary table, and only its rows that differ from the index's are written to it: a
    rebuild of an index that was up to date rewrites nothing (no GIN index work, and no
    dead rows that would leave the table twice its size). The rows of records gone are
    removed at the end, and the vocabulary counted once, in SQL, and written the same way;
    the table's statistics are refreshed so the next searches are planned for what it now
    holds. Once it has committed (and unless a caller's transaction is still open), the
    rows it replaced are vacuumed away: otherwise searches would visit them too until
    autovacuum came by.
    """
    count = 0
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("LOCK TABLE search_document IN EXCLUSIVE MODE")  # one rebuild at a time
        cur.execute(
            f"CREATE TEMPORARY TABLE {REBUILT} (LIKE search_document INCLUDING DEFAULTS)"
            " ON COMMIT DROP"
        )
        cur.execute(f"CREATE TEMPORARY TABLE {SEEN} (id text PRIMARY KEY) ON COMMIT DROP")
        with progress(total=count_documents(), label="Indexing") as bar:
            batch: list[tuple] = []
            for doc in iter_documents(batch_size=batch_size):
                batch.append(_row(doc)[0])
                if len(batch) >= batch_size:
                    _merge(cur, batch)
                    count += len(batch)
                    bar.update(len(batch))
                    batch = []
            _merge(cur, batch)
            count += len(batch)
            bar.update(len(batch))
        with progress(total=count, label="Writing the index") as bar:
            cur.execute(
                "DELETE FROM search_document d"  # noqa: S608 - fixed SQL
                f" WHERE NOT EXISTS (SELECT 1 FROM {SEEN} s WHERE s.id = d.id)"
            )
            _recount(cur)
            # Dropped now, not only at the commit: a caller's transaction may rebuild again.
            cur.execute(f"DROP TABLE {REBUILT}, {SEEN}")
            cur.execute("UPDATE search_state SET version = version + 1, built = true WHERE id = 1")
            cur.execute("ANALYZE search_document, search_word")
            bar.update(count)
    if not connection.in_atomic_block:
        _vacuum()
    return RebuildResult(generation="postgresql", documents=count)


def _merge(cur, rows: list[tuple]) -> None:
    """Write a batch of rebuilt rows where they differ from the index's (new ones added)."""
    if not rows:
        return
    columns = [c.strip() for c in COLUMNS.split(",")]
    changed = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "id")
    old = ", ".join(f"search_document.{c}" for c in columns)
    new = ", ".join(f"EXCLUDED.{c}" for c in columns)
    _copy(cur, rows, table=REBUILT)
    cur.execute(
        f"INSERT INTO search_document ({COLUMNS}) SELECT {COLUMNS} FROM {REBUILT}"  # noqa: S608
        f" ON CONFLICT (id) DO UPDATE SET {changed} WHERE ({old}) IS DISTINCT FROM ({new})"
    )
    cur.execute(f"INSERT INTO {SEEN} SELECT id FROM {REBUILT}")  # noqa: S608 - fixed SQL
    cur.execute(f"TRUNCATE {REBUILT}")


def _recount(cur) -> None:
    """Count the vocabulary afresh, writing only the counts that changed."""
    cur.execute(
        "CREATE TEMPORARY TABLE search_counted ON COMMIT DROP AS"
        " SELECT w AS word, count(*)::integer AS docs"
        " FROM search_document, unnest(tsvector_to_array(vector)) AS w GROUP BY w"
    )
    cur.execute(
        "DELETE FROM search_word w"
        " WHERE NOT EXISTS (SELECT 1 FROM search_counted c WHERE c.word = w.word)"
    )
    cur.execute(
        "INSERT INTO search_word (word, docs) SELECT word, docs FROM search_counted"
        " ON CONFLICT (word) DO UPDATE SET docs = EXCLUDED.docs"
        " WHERE search_word.docs <> EXCLUDED.docs"
    )
    cur.execute("DROP TABLE search_counted")


def _vacuum() -> None:
    """Reclaim the rows a rebuild replaced, and merge the GIN index's pending entries
    (VACUUM cannot run inside a transaction: this runs after the rebuild's commit)."""
    with connection.cursor() as cur:
        cur.execute("VACUUM search_document, search_word")


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
    """True on a fresh install: never rebuilt, and no record written since. (An import
    writes its records' rows in its own transaction: those are an index to check.)"""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT built OR EXISTS (SELECT 1 FROM search_document) FROM search_state WHERE id = 1"
        )
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
    """Changes are written as they happen, in their transaction; within this block, those
    gathered by an import show their progress as they are written."""
    token = _progress.set(progress)
    try:
        yield
    finally:
        _progress.reset(token)


def open_index() -> None:
    """Nothing to open: the search tables are read through the site's own connection."""
