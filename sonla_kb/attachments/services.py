"""Writes of attached files: attach, replace, delete, keeping storage in step with the database.

A file is written to storage before its row is saved (the row names it). If the
transaction then rolls back, `files_removed_on_rollback` deletes what it wrote; a file
that a row stops naming (replaced or deleted) is removed only after the commit, so a
rollback never leaves a row pointing at nothing.
"""

import contextlib
import contextvars
import logging
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models, transaction

from .models import Attachment
from .validation import Inspection, inspect_upload

log = logging.getLogger(__name__)

# The files written inside the innermost files_removed_on_rollback block.
_written: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "attachment_files_written", default=None
)


@contextlib.contextmanager
def files_removed_on_rollback() -> Iterator[None]:
    """Delete again every file stored inside the block if the block raises."""
    token = _written.set([])
    try:
        yield
    except BaseException:
        for storage, name in _written.get() or []:
            _delete_quietly(storage, name)
        raise
    finally:
        _written.reset(token)


def track_written(storage: Storage, name: str) -> None:
    """Note a file just stored, to be deleted if the enclosing block fails."""
    written = _written.get()
    if written is not None:
        written.append((storage, name))


def remove_after_commit(storage: Storage, name: str) -> None:
    """Delete a stored file once the current transaction commits (at once outside one)."""
    if name:
        transaction.on_commit(lambda: _delete_quietly(storage, name), robust=True)


def _delete_quietly(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        log.exception("Could not delete the stored file %s", name)


def apply_inspection(*, attachment: Attachment, inspection: Inspection) -> None:
    """Copy what inspection found (type, size, text, status) onto the attachment, unsaved."""
    attachment.original_name = _fit(inspection.name, limit=_max_length("original_name"))
    attachment.kind = inspection.kind
    attachment.content_type = inspection.content_type
    attachment.size = inspection.size
    attachment.sha256 = inspection.sha256
    attachment.page_count = inspection.page_count
    attachment.pages = list(inspection.pages)
    attachment.text = inspection.text
    attachment.status = inspection.status
    attachment.status_reason = inspection.status_reason[: _max_length("status_reason")]
    # New content starts afresh: a worker still reading the old content loses its claim.
    attachment.claim, attachment.claimed_until, attachment.attempts = "", None, 0


def _max_length(field: str) -> int:
    return Attachment._meta.get_field(field).max_length


def _fit(name: str, *, limit: int) -> str:
    """The name cut to the column's length, keeping its extension."""
    if len(name) <= limit:
        return name
    stem, _, ext = name.rpartition(".")
    return f"{stem[: limit - len(ext) - 1]}.{ext}"


def store_content(*, attachment: Attachment, data: bytes) -> None:
    """Write the bytes to storage under a fresh random name, unsaved (kind must be set)."""
    attachment.file.save(f"upload.{attachment.kind}", ContentFile(data), save=False)
    track_written(attachment.file.storage, attachment.file.name)


def attach_file(
    *,
    record: models.Model,
    name: str,
    data: bytes,
    title: str = "",
    inspection: Inspection | None = None,
    extract: bool = True,
) -> Attachment:
    """Validate, extract (or leave pending for the worker) and attach a file to a presentation
    or the study; ValidationError."""
    inspection = inspection or inspect_upload(name=name, data=data, extract=extract)
    field = "study" if record._meta.label_lower == "policies.study" else "presentation"
    attachment = Attachment(title=title, **{field: record})
    apply_inspection(attachment=attachment, inspection=inspection)
    store_content(attachment=attachment, data=data)
    attachment.save()
    return attachment


def replace_file(
    *,
    attachment: Attachment,
    name: str,
    data: bytes,
    inspection: Inspection | None = None,
) -> Attachment:
    """Put new content in an attachment (reindexed); the old file goes after the commit."""
    inspection = inspection or inspect_upload(name=name, data=data)
    old = (attachment.file.storage, attachment.file.name)
    apply_inspection(attachment=attachment, inspection=inspection)
    store_content(attachment=attachment, data=data)
    attachment.save()
    remove_after_commit(*old)
    return attachment


def delete_attachment(*, attachment: Attachment) -> None:
    """Delete an attachment: its text leaves the index, its file leaves storage after commit."""
    # The post_delete handlers do both, so that deleting the record (a cascade) does too.
    attachment.delete()
