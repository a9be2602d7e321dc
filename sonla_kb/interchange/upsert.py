"""Create or update the records of one section, touching only those that really change.

Records are handled in chunks: a few queries load a chunk's existing records and their
themes, so memory stays bounded and the query count grows by a small constant per
record. A record is saved only when a field or its themes differ, so a second import
of the same file leaves `updated_at` and the search change log alone.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import models

from presentations.models import Workshop
from sonla_kb.themes import Theme

from . import files
from .schema import Row
from .spec import SectionSpec
from .summary import Outcome, SectionCounts
from .tagging import link_new_records, theme_ids_by_record
from .vocabulary import ThemeIndex

# Records per chunk: under SQLite's 999 parameters for an IN list.
CHUNK = 500

ExtraValues = Callable[[list[Row]], dict[str, dict[str, Any]]]


def upsert_section(
    *,
    spec: SectionSpec,
    rows: list[Row],
    themes: ThemeIndex,
    base_dir: Path | None,
    extra_values: ExtraValues | None = None,
    advance: Callable[[int], object] | None = None,
) -> SectionCounts:
    """Create what is new and update what changed in one keyed section; never delete.

    `advance(1)` is called after each record (for a progress display).
    """
    counts = SectionCounts()
    for chunk in _chunks(rows, CHUNK):
        existing = spec.model._default_manager.in_bulk([r.key for r in chunk], field_name="key")
        current_themes = (
            theme_ids_by_record(model=spec.model, pks=[r.pk for r in existing.values()])
            if spec.has_tags
            else {}
        )
        extra = extra_values(chunk) if extra_values else {}
        created: list[tuple[models.Model, list[Theme]]] = []
        for row in chunk:
            values = {**row.values, **extra.get(row.key, {})}
            tags = themes.resolve(row.tags) if spec.has_tags else None
            record = existing.get(row.key)
            changed: tuple[str, ...] = ()
            if record is None:
                record = spec.model(key=row.key, **values)
                record.save()
                outcome = Outcome.CREATED
                if tags:
                    created.append((record, tags))
            else:
                current = current_themes.get(record.pk, set()) if spec.has_tags else None
                changed = _update(record, values, tags=tags, current_tags=current)
                outcome = Outcome.UPDATED if changed else Outcome.UNCHANGED
            if files.sync_files(record=record, files=row.files, base_dir=base_dir):
                changed = (*changed, "files")
                if outcome is Outcome.UNCHANGED:
                    outcome = Outcome.UPDATED
            counts.add(outcome, key=row.key, changed=changed)
            if advance:
                advance(1)
        link_new_records(created)
    return counts


def upsert_workshop(*, row: Row) -> SectionCounts:
    """Create the workshop, or update the one there is (the first, if several)."""
    counts = SectionCounts()
    workshop = Workshop.objects.order_by("pk").first()
    if workshop is None:
        Workshop(**row.values).save()
        counts.add(Outcome.CREATED)
    else:
        changed = _update(workshop, row.values, tags=None, current_tags=None)
        counts.add(Outcome.UPDATED if changed else Outcome.UNCHANGED)
    return counts


def _update(
    record: models.Model,
    values: dict[str, Any],
    *,
    tags: list[Theme] | None,
    current_tags: set[int] | None,
) -> tuple[str, ...]:
    """Save the record if a field or its themes differ; the names of what changed."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    tags_changed = tags is not None and current_tags != {t.pk for t in tags}
    if not changed and not tags_changed:
        return ()
    for name in changed:
        setattr(record, name, values[name])
    # Saved even when only the themes changed, so updated_at says the record changed.
    record.save()
    if tags_changed:
        record.tags.set(tags)
    return (*changed, "tags") if tags_changed else tuple(changed)


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
