"""Recording changes in the durable log, and reading them back in a safe order.

A change is logged in the transaction that makes it; after that transaction commits,
one callback per transaction brings the index up to date. A callback that cannot get
the writer lock in time leaves the change in the log for the next writer.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, models, transaction

from . import backends
from .changelog import IndexChange
from .documents import SOURCE_BY_LABEL

log = logging.getLogger(__name__)
# The changes a `gathered_changes` block has seen so far, by model label (None: no block).
_gathered: ContextVar[dict[str, set[int]] | None] = ContextVar("gathered_changes", default=None)


@dataclass(frozen=True)
class Change:
    id: int
    label: str
    object_id: int


def is_indexed(record: models.Model) -> bool:
    """True when records of this model are kept in the search index."""
    return record._meta.label_lower in SOURCE_BY_LABEL


def record_change(record: models.Model) -> None:
    """Log that a record changed, and bring the index up to date once the change commits."""
    if is_indexed(record) and record.pk is not None:
        record_changes(label=record._meta.label_lower, pks=[record.pk])


def record_changes(*, label: str, pks: Iterable[int]) -> None:
    """Tell the search backend that these records of one model changed (in this transaction)."""
    pks = list(pks)
    if not pks:
        return
    gathered = _gathered.get()
    if gathered is not None:
        gathered.setdefault(label, set()).update(pks)
        return
    backends.current().record_changes(label=label, pks=pks)


@contextmanager
def gathered_changes() -> Iterator[None]:
    """Within this block, changes are gathered, and handed to the backend once at its end,
    model by model, each record once: an import of thousands of records updates the index
    in a few bulk steps, not one per save. Use it inside the transaction of the changes,
    so the index is updated in that transaction too; when the block raises, nothing is
    handed over (the transaction rolls back). A block within a block adds to the outer one.
    """
    if _gathered.get() is not None:
        yield
        return
    gathered: dict[str, set[int]] = {}
    token = _gathered.set(gathered)
    try:
        yield
    finally:
        _gathered.reset(token)
    if gathered:
        backends.current().record_gathered(
            changes={label: sorted(pks) for label, pks in gathered.items()}
        )


def log_changes(*, label: str, pks: Iterable[int]) -> None:
    """Log that these records of one model changed (in the caller's transaction)."""
    rows = [IndexChange(model=label, object_id=pk) for pk in pks]
    if not rows:
        return
    IndexChange.objects.bulk_create(rows, batch_size=1000)
    _schedule_catch_up()


def record_theme_change(theme: models.Model) -> None:
    """Log every record carrying a theme whose name changed or which is deleted."""
    by_label: dict[str, list[int]] = {}
    for item in theme.items.select_related("content_type"):
        label = f"{item.content_type.app_label}.{item.content_type.model}"
        if label in SOURCE_BY_LABEL:
            by_label.setdefault(label, []).append(item.object_id)
    for label, pks in by_label.items():
        record_changes(label=label, pks=pks)


class _CatchUpOnCommit:
    """The callback a transaction registers once: it brings the index up to date."""

    def __init__(self) -> None:
        self.ran = False

    def __call__(self) -> None:
        from .backends.whoosh.writer import catch_up_after_commit

        self.ran = True
        catch_up_after_commit()


def _schedule_catch_up() -> None:
    """Register the catch-up callback once per transaction, not once per change."""
    pending = getattr(connection, "run_on_commit", None) or []
    if any(isinstance(entry[1], _CatchUpOnCommit) and not entry[1].ran for entry in pending):
        return
    transaction.on_commit(_CatchUpOnCommit(), robust=True)


def changes_after(position: int, *, limit: int) -> list[Change]:
    """Up to `limit` logged changes after a position, in id order."""
    rows = (
        IndexChange.objects.filter(id__gt=position)
        .order_by("id")
        .values_list("id", "model", "object_id")[:limit]
    )
    return [Change(*row) for row in rows]


def pending_count(cursor: int) -> int:
    """How many logged changes lie beyond a cursor."""
    return IndexChange.objects.filter(id__gt=cursor).count()


def last_change_id() -> int:
    """The highest id in the log (0 when empty)."""
    return IndexChange.objects.aggregate(m=models.Max("id"))["m"] or 0


def settled_up_to(cursor: int) -> int | None:
    """Ids at or below the answer are final: committed, or never to appear.

    On SQLite writers take turns, so ids commit in order: any visible id is final
    (None). On PostgreSQL an id may still be held by a transaction in progress: when
    no other session holds a lock on the log, every id already handed out is final;
    otherwise only ids without a gap after the cursor are.
    """
    if connection.vendor != "postgresql":
        return None
    table = IndexChange._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')),"
            " EXISTS (SELECT 1 FROM pg_locks WHERE relation = %s::regclass"
            " AND pid <> pg_backend_pid())",
            [table, table],
        )
        last_value, busy = cur.fetchone()
    return cursor if busy else (last_value or 0)


def advance(cursor: int, changes: list[Change], settled: int | None) -> int:
    """The new cursor after applying these changes: past no id that might still appear."""
    for change in changes:
        gap_is_final = settled is None or change.id - 1 <= settled
        if change.id != cursor + 1 and not gap_is_final:
            break
        cursor = change.id
    return cursor
