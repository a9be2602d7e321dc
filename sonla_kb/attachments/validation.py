"""Decide whether an uploaded file is accepted, and read its text: one call for the admin and
the importer alike."""

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
from .naming import EXTENSIONS, extension_of

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
        return UNITS[self.kind]


def extraction_limits() -> extraction.Limits:
    """The limits on one extraction, from settings."""
    return extraction.Limits(
        seconds=float(getattr(settings, "ATTACHMENT_EXTRACT_SECONDS", 60)),
        memory_mb=int(getattr(settings, "ATTACHMENT_EXTRACT_MEMORY_MB", 1024)),
        max_chars=int(getattr(settings, "ATTACHMENT_MAX_TEXT_CHARS", 2_000_000)),
    )


def inspect_upload(
    *, name: str, data: bytes | None = None, fileobj: BinaryIO | None = None
) -> Inspection:
    """Check a file by its content and extract its text; ValidationError says why it is refused."""
    try:
        return _inspect(name, data, fileobj)
    except detection.FileRejected as rejected:
        raise ValidationError(
            _("“%(name)s” is refused: %(reason)s."),
            code=rejected.code,
            params={"name": name, "reason": rejected.message},
        ) from None


def _inspect(name: str, data: bytes | None, fileobj: BinaryIO | None) -> Inspection:
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
    if extension != kind:
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
    result = extraction.extract(kind=kind, data=data, limits=extraction_limits())
    if result.rejected:
        raise detection.FileRejected(result.rejected, code=result.rejected_code or "corrupt")
    pages = tuple(result.pages)
    if result.failure:
        status = ExtractionStatus.FAILED
    elif not any(pages):
        status = ExtractionStatus.NO_TEXT
    else:
        status = ExtractionStatus.DONE
    reason = result.failure or (
        NO_TEXT_REASON if status == ExtractionStatus.NO_TEXT else result.note
    )
    return Inspection(
        name=name,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        status=status,
        status_reason=reason,
    )


def _size_of(fileobj: BinaryIO) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size
