"""What a feedback is about: checked against the file and the database, then turned into FKs."""

from django.db import models

from .errors import Problem
from .schema import Document, Row
from .spec import ABOUT_SECTIONS

# Keys per IN query: under SQLite's 999 parameters.
BATCH = 500


def about_problems(*, document: Document) -> list[Problem]:
    """Feedback about a record that neither the file nor the database has."""
    rows = [row for row in document.rows("feedback") if row.about is not None]
    problems = []
    for type_, spec in ABOUT_SECTIONS.items():
        in_file = document.keys(spec.name)
        wanted = {row.about.key for row in rows if row.about.type == type_} - in_file
        missing = wanted - _existing_keys(spec.model, wanted)
        problems += [
            Problem(
                f"feedback[{row.key}].about",
                f"no {type_} with the key {row.about.key!r} in the file or the database",
            )
            for row in rows
            if row.about.type == type_ and row.about.key in missing
        ]
    return problems


def about_values(rows: list[Row]) -> dict[str, dict[str, int | None]]:
    """Per feedback key, its `study_id`, `presentation_id` and `policy_id` (at most one set)."""
    ids: dict[str, dict[str, int]] = {}
    for type_, spec in ABOUT_SECTIONS.items():
        keys = sorted({row.about.key for row in rows if row.about and row.about.type == type_})
        ids[type_] = _ids_by_key(spec.model, keys)
    return {
        row.key: {
            f"{type_}_id": ids[type_][row.about.key]
            if row.about and row.about.type == type_
            else None
            for type_ in ABOUT_SECTIONS
        }
        for row in rows
    }


def _existing_keys(model: type[models.Model], keys: set[str]) -> set[str]:
    return set(_ids_by_key(model, sorted(keys)))


def _ids_by_key(model: type[models.Model], keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        found.update(model._default_manager.filter(key__in=batch).values_list("key", "pk"))
    return found
