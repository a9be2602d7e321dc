"""Files attached to presentations and the study (slide decks, reports).

Not supported yet: every hook of the interchange that touches files is here, so adding
them changes this module only. A file entry will be `{"path": ..., "title": ...}`, the
path relative to the JSON file's folder.
"""

from pathlib import Path
from typing import Any

from django.db import models

from .errors import Invalid


def check_files(value: Any) -> tuple[Any, ...]:
    """Validate a record's `files` list (pure); an empty list is all that is accepted for now."""
    if not isinstance(value, list):
        raise Invalid("not a list of files")
    if value:
        raise Invalid("attached files are not supported yet")
    return ()


def sync_files(*, record: models.Model, files: tuple[Any, ...], base_dir: Path | None) -> bool:
    """Attach the listed files to a saved record; True if anything changed."""
    # check_files lets only an empty list through, so there is nothing to attach yet.
    return False


def export_files(*, record: models.Model, dest_dir: Path | None) -> list[dict[str, str]]:
    """The record's `files` entries, copying the files beside the exported JSON."""
    return []
