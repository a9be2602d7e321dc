"""Decide whether an uploaded file is accepted, and read its text: one call for the admin and
the importer alike.

The admin only checks a file (its type, and that it opens: not damaged, not encrypted) and
leaves reading its text to the background worker (`queue`); the importer reads it at once.
"""

import hashlib
import io
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import detection, extraction
from .models import CONTENT_TYPES, UNITS, ExtractionStatus
from .naming import EXTENSIONS, extension_of, kind_named

READ_CHUNK = 1024 * 1024
# Why a file has no text; the status ("No text found") is shown before it, so it is not
# repeated here. Stored in English, shown translated (admin.AttachmentInline.details).
NO_TEXT_REASON = gettext_noop("it may be scanned images without a text layer")


@dataclass(frozen=True)
class Inspection:
    """An accepted file: what it is, its text page by page, and how extraction went."""

    name: str
    kind: str
    size: int
    sha256: str
    pages: tuple[str, ...]
    status: str
    status_reason: str

    @property
    def content_type(self) -> str:
        """The real type, as the download is served."""
        return CONTENT_TYPES[self.kind]

    @property
    def page_count(self) -> int:
        """How many pages or slides."""
        return len(self.pages)

    @property
    def text(self) -> str:
        """All the text, page after page."""
        return "\n\n".join(page for page in self.pages if page)

    @property
    def unit(self) -> str:
        """'slide' or 'page'."""
        return UNITS.get(self.kind, "page")


def extraction_limits() -> extraction.Limits:
    """The limits on one extraction, from settings."""
    return extraction.Limits(
        seconds=float(getattr(settings, "ATTACHMENT_EXTRACT_SECONDS", 60)),
        memory_mb=int(getattr(settings, "ATTACHMENT_EXTRACT_MEMORY_MB", 1024)),
        max_chars=int(getattr(settings, "ATTACHMENT_MAX_TEXT_CHARS", 2_000_000)),
    )


def probe_limits() -> extraction.Limits:
    """The limits on opening a file at upload (ATTACHMENT_PROBE_SECONDS, 10 by default)."""
    limits = extraction_limits()
    seconds = float(getattr(settings, "ATTACHMENT_PROBE_SECONDS", 10))
    return extraction.Limits(
        seconds=min(seconds, limits.seconds), memory_mb=limits.memory_mb, max_chars=0
    )


def outcome(result: extraction.Extraction) -> tuple[str, str]:
    """The status and the reason staff read, for an extraction that was not refused."""
    if result.rejected:
        return ExtractionStatus.FAILED, result.rejected
    if result.failure:
        return ExtractionStatus.FAILED, result.failure
    if not any(result.pages):
        if result.ocr_missing:
            return ExtractionStatus.NO_TEXT, result.ocr_missing
        if result.ocr:
            return ExtractionStatus.NO_TEXT, "no text layer, and no text was recognised"
        return ExtractionStatus.NO_TEXT, "it may be scanned images without a text layer"
    if result.ocr_missing:
        unread = "some pages have no text layer, and they were not recognised"
        return ExtractionStatus.DONE, f"{unread} ({result.ocr_missing})"
    return ExtractionStatus.DONE, result.note


def inspect_upload(
    *,
    name: str,
    data: bytes | None = None,
    fileobj: BinaryIO | None = None,
    extract: bool = True,
) -> Inspection:
    """Check a file by its content and extract its text (or leave it pending, extract=False);
    ValidationError says why it is refused."""
    try:
        return _inspect(name, data, fileobj, extract=extract)
    except detection.FileRejected as rejected:
        raise ValidationError(
            _("“%(name)s” is refused: %(reason)s."),
            code=rejected.code,
            params={"name": name, "reason": rejected.message},
        ) from None


def _inspect(
    name: str, data: bytes | None, fileobj: BinaryIO | None, *, extract: bool
) -> Inspection:
    if data is None:
        if fileobj is None:
            raise TypeError("inspect_upload needs data or fileobj")
        size = _size_of(fileobj)
        detection.check_size(size)  # before reading: an oversized file is never read whole
        fileobj.seek(0)
        data = fileobj.read()
    detection.check_size(len(data))
    kind = detection.detect_kind(io.BytesIO(data))
    extension = extension_of(name)
    if kind_named(name) != kind:
        if extension in EXTENSIONS:
            message = _(
                "it is not what its name says: its name ends in .%(extension)s, but its "
                "content is %(kind)s"
            )
        elif extension:
            message = _(
                "it is not what its name says: its name ends in .%(extension)s, but its "
                "content is %(kind)s, so its name should end in .%(right)s"
            )
        else:
            message = _(
                "it is not what its name says: its name has no extension, but its content is "
                "%(kind)s, so its name should end in .%(right)s"
            )
        raise detection.FileRejected(
            message % {"extension": extension, "kind": detection.describe(kind), "right": kind},
            code="name_mismatch",
        )
    if extract:
        result = extraction.extract(kind=kind, data=data, limits=extraction_limits())
    else:
        # Only open it: a file that is quick to open but slow to read waits for the worker.
        # A probe that runs out of time refuses nothing; the worker, with its own limit,
        # then says how reading went.
        result = extraction.probe(kind=kind, data=data, limits=probe_limits())
    if result.rejected:
        raise detection.FileRejected(result.rejected, code=result.rejected_code or "corrupt")
    if extract and _needs_ocr(kind, result):
        # Recognising scanned pages can take minutes: the background worker does it.
        extract = False
    status, reason = outcome(result) if extract else (ExtractionStatus.PENDING, "")
    return Inspection(
        name=name,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=tuple(result.pages),
        status=status,
        status_reason=reason,
    )


def _needs_ocr(kind: str, result: extraction.Extraction) -> bool:
    """True when OCR would fill pages here; else notes on the result why it would not."""
    from . import recognition

    if not recognition.empty_pages(kind, result):
        return False
    result.ocr_missing = recognition.unavailable_reason()
    return not result.ocr_missing


def _size_of(fileobj: BinaryIO) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size
