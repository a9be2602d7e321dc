"""Writing the index: following the change log, rebuilding beside, checking for drift.

One writer at a time (``storage.writer_lock``), waited for with a bound. Nothing is
lost when the wait runs out: the change stays in the log, ahead of the index's cursor,
and the next catch-up applies it.
"""

import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index

from ....progress import ProgressFactory, quiet
from ... import changes
from ...contract import CheckReport, IndexUnavailable, RebuildResult
from ...documents import (
    SOURCE_BY_LABEL,
    SOURCES,
    compare_with_records,
    count_documents,
    doc_id,
    documents_for,
    iter_documents,
)
from . import storage
from .children import ParentBoundWriter
from .schema import build_schema
from .segments import KbSegmentWriter

log = logging.getLogger(__name__)
BATCH_SIZE = 500


def _lock_timeout() -> float:
    return float(getattr(settings, "SEARCH_WRITER_LOCK_TIMEOUT", 10.0))


# What a catch-up after a commit shows: nothing, unless a command asked (showing_catch_up).
_catch_up_progress: ContextVar[ProgressFactory] = ContextVar("catch_up_progress", default=quiet)


@contextlib.contextmanager
def showing_catch_up(progress: ProgressFactory) -> Iterator[None]:
    """Within this block, catch-ups after a commit (e.g. an import's) show their progress."""
    token = _catch_up_progress.set(progress)
    try:
        yield
    finally:
        _catch_up_progress.reset(token)


def catch_up_after_commit() -> None:
    """After a commit: apply what the log holds; never let an index fault reach the user."""
    try:
        catch_up(lock_timeout=_lock_timeout(), progress=_catch_up_progress.get())
    except Exception:
        log.exception("The search index could not follow a change; it stays in the log")


def catch_up(
    *, lock_timeout: float, progress: ProgressFactory = quiet, root: Path | None = None
) -> int:
    """Apply every logged change the current generation does not hold yet; return how many."""
    root = root or storage.index_root()
    with storage.writer_lock(root, timeout=lock_timeout) as held:
        if not held:
            log.info("Index writer busy for %.1fs; changes stay in the log", lock_timeout)
            return 0
        generation = storage.current_generation(root)
        if generation is None:
            return 0  # no index yet: the first rebuild reads everything
        return _apply_log(generation, progress=progress)


def _apply_log(generation: Path, *, progress: ProgressFactory = quiet) -> int:
    cursor = storage.read_cursor(generation)
    # Counted only for a display: the catch-up after each web request does without.
    pending = 0 if progress is quiet else changes.pending_count(cursor)
    show = progress if pending else quiet
    with show(total=pending, label="Indexing changes", unit="changes") as bar:
        return _apply_batches(generation, cursor, advance=bar.update)


def _apply_batches(generation: Path, cursor: int, *, advance: Callable[[int], object]) -> int:
    ix = whoosh_index.open_dir(str(generation))
    position, applied = cursor, 0
    while True:
        settled = changes.settled_up_to(cursor)
        batch = changes.changes_after(position, limit=BATCH_SIZE)
        if not batch:
            return applied
        _write_changes(ix, batch)
        applied += len(batch)
        advance(len(batch))
        # Past a gap that may still fill, changes are applied but the cursor waits,
        # so they are applied again next time: harmless, as a document is rebuilt whole.
        if cursor == position:
            new_cursor = changes.advance(cursor, batch, settled)
            if new_cursor != cursor:
                storage.write_cursor(generation, new_cursor)
                cursor = new_cursor
        position = batch[-1].id


def _write_changes(ix, batch: list[changes.Change]) -> None:
    by_label: dict[str, set[int]] = defaultdict(set)
    for change in batch:
        by_label[change.label].add(change.object_id)
    with KbSegmentWriter(ix, timeout=_lock_timeout()) as writer:
        for label, pks in by_label.items():
            source = SOURCE_BY_LABEL.get(label)
            if source is None:
                continue
            docs = documents_for(source, pks)
            for pk in pks:
                if pk in docs:
                    writer.update_document(**docs[pk])
                else:
                    writer.delete_by_term("id", doc_id(source, pk))


def rebuild(
    *,
    batch_size: int = 1000,
    procs: int = 1,
    limitmb: int = 128,
    progress: ProgressFactory = quiet,
    root: Path | None = None,
) -> RebuildResult:
    """Write a complete new generation beside the current one, then switch searches to it."""
    root = root or storage.index_root()
    root.mkdir(parents=True, exist_ok=True)
    with storage.rebuild_lock(root) as held:
        if not held:
            holder = storage.lock_holder(root / storage.REBUILD_LOCK)
            running = f" (process {holder})" if holder else ""
            raise IndexUnavailable(f"another rebuild is running{running}")
        removed = storage.remove_stale_generations(root)
        start = _start_position(root)
        generation = storage.new_generation(root)
        ix = whoosh_index.create_in(str(generation), build_schema())
        if procs > 1:
            writer = ParentBoundWriter(ix, procs=procs, limitmb=limitmb)
        else:
            writer = KbSegmentWriter(ix, limitmb=limitmb)
        count = 0
        try:
            with progress(total=count_documents(), label="Indexing") as bar:
                for doc in iter_documents(batch_size=batch_size):
                    writer.add_document(**doc)
                    count += 1
                    bar.update(1)
                    if procs == 1 and writer.full():  # a segment at each memory limit
                        writer.commit(merge=False)
                        writer = KbSegmentWriter(ix, limitmb=limitmb)
        except BaseException:
            writer.cancel()
            raise
        # Indexing processes finish and write their segments now: often the longer half.
        with progress(total=count, label="Writing the index") as bar:
            writer.commit()
            bar.update(count)
        _check_complete(generation, count=count, writer=writer)
        storage.write_cursor(generation, start)
        with storage.writer_lock(root, timeout=max(_lock_timeout(), 60.0)) as writing:
            if not writing:
                raise IndexUnavailable("the index writer stayed busy; rebuild not switched")
            _apply_log(generation)
            storage.switch_to(root, generation)
        return RebuildResult(generation=generation.name, documents=count, removed=removed)


def _check_complete(generation: Path, *, count: int, writer) -> None:
    """Refuse a new generation that lacks records. Whoosh's multiprocess writer commits
    without the segment of an indexing process that failed (it waits a second for the
    result, then goes on): switching to it would lose those records from every search."""
    # Counted from the table of contents: a reader would copy each segment's files into
    # memory (Whoosh's compound files hand out copies), hundreds of MiB at this size.
    held = sum(s.doc_count_all() for s in whoosh_index.open_dir(str(generation))._segments())
    if held == count:
        return
    failed = [task.exitcode for task in getattr(writer, "tasks", []) if task.exitcode]
    why = f"; an indexing process ended with status {failed[0]}" if failed else ""
    log.error("Rebuild not switched: %s of %s records written%s", held, count, why)
    raise IndexUnavailable(
        f"the new index holds {held} of {count} records{why}; the current index stays"
    )


def _start_position(root: Path) -> int:
    """The log position a rebuild starts from: every change at or before it is in the database."""
    last = changes.last_change_id()
    settled = changes.settled_up_to(0)
    if settled is None or settled >= last:
        return last
    # Another session may hold an older id in a transaction in progress: replay from the
    # current generation's cursor (or the whole log), which is always safe.
    current = storage.current_generation(root)
    return storage.read_cursor(current) if current else 0


def record_changes(*, label: str, pks: list[int]) -> None:
    """Log the changes (in the caller's transaction); the index follows once it commits."""
    changes.log_changes(label=label, pks=pks)


def record_gathered(*, changes: dict[str, list[int]]) -> None:
    """Log many records' changes at once (changes.gathered_changes hands them over)."""
    for label, pks in changes.items():
        record_changes(label=label, pks=pks)


class _NoIndexYet(Exception):
    """Not a fault: a fresh install, whose index the repair builds."""


def check(
    *, repair: bool, progress: ProgressFactory = quiet, root: Path | None = None
) -> CheckReport:
    """Compare the index with the database; with `repair`, make them agree."""
    root = root or storage.index_root()
    report = CheckReport()
    try:
        report.unfinished = _unfinished(root, remove=repair)
        generation = storage.current_generation(root)
        report.absent = generation is None
        if report.absent:
            raise _NoIndexYet
        ix = whoosh_index.open_dir(str(generation))
        # Whoosh refuses documents with a field its index lacks: an older index is rebuilt.
        missing = sorted(set(build_schema().names()) - set(ix.schema.names()))
        if missing:
            raise IndexUnavailable(
                f"the index predates the fields {', '.join(missing)}; it must be rebuilt"
            )
        with ix.searcher() as searcher:
            indexed = {f["id"]: f.get("fingerprint") for f in searcher.all_stored_fields()}
        report.pending = changes.pending_count(storage.read_cursor(generation))
    except Exception as exc:  # a damaged index shows itself in many ways
        if not report.absent:
            report.problem = f"{type(exc).__name__}: {exc}"
        if repair:
            rebuild(root=root, progress=progress)
            report.repaired = True
        return report
    current = compare_with_records(report, indexed=indexed, progress=progress)
    if repair and not report.clean:
        with storage.writer_lock(root, timeout=max(_lock_timeout(), 60.0)) as held:
            if not held:
                raise IndexUnavailable("the index writer stayed busy; nothing repaired")
            _apply_log(generation)
            with KbSegmentWriter(ix, timeout=_lock_timeout()) as writer:
                for i in report.missing + report.stale:
                    writer.update_document(**current[i])
                for i in report.extra:
                    writer.delete_by_term("id", i)
        report.repaired = True
    return report


def _unfinished(root: Path, *, remove: bool) -> list[str]:
    """Generations that killed rebuilds left (removed with `remove`); none while one runs."""
    if remove:
        return storage.remove_unfinished_generations(root)
    with storage.rebuild_lock(root) as held:
        return [p.name for p in storage.unfinished_generations(root)] if held else []


__all__ = [
    "SOURCES",
    "CheckReport",
    "RebuildResult",
    "catch_up",
    "check",
    "rebuild",
    "record_changes",
    "record_gathered",
    "showing_catch_up",
]
