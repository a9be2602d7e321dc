"""What a file really is, told from its bytes: signatures, ZIP structure and image headers,
never its name.

Only cheap, bounded reads happen here (a signature, a ZIP's central directory); anything
that parses a document runs in the extraction child process.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF_SIGNATURE = b"%PDF-"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"
# Compound File Binary (OLE2): old .doc/.ppt, and every password-protected .docx/.pptx,
# which Office wraps, encrypted, in such a container.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

KIND_NAMES = {
    "pdf": gettext_lazy("a PDF"),
    "pptx": gettext_lazy("a PowerPoint presentation (PPTX)"),
    "docx": gettext_lazy("a Word document (DOCX)"),
    "png": gettext_lazy("a PNG image"),
    "jpg": gettext_lazy("a JPEG image"),
}
# Below these unpacked sizes a high compression ratio is harmless (blank XML parts pack
# far): a part's ratio counts above 1 MiB, the whole archive's above 10 MiB.
PART_RATIO_FLOOR = 1024 * 1024
TOTAL_RATIO_FLOOR = 10 * 1024 * 1024
# The part that makes an Office Open XML package a deck or a report.
OOXML_MAIN_PARTS = {"ppt/presentation.xml": "pptx", "word/document.xml": "docx"}


class FileRejected(Exception):
    """The file cannot be accepted; the message says why, for staff to read."""

    def __init__(self, message: str, *, code: str) -> None:
        self.message = message
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class ZipLimits:
    """How far an Office file may expand when unpacked."""

    max_expanded: int
    max_ratio: int
    max_members: int

    @classmethod
    def from_settings(cls) -> "ZipLimits":
        """The limits configured in settings, with safe defaults."""
        return cls(
            max_expanded=int(getattr(settings, "ATTACHMENT_MAX_EXPANDED_BYTES", 200 * 1024 * 1024)),
            max_ratio=int(getattr(settings, "ATTACHMENT_MAX_ZIP_RATIO", 100)),
            max_members=int(getattr(settings, "ATTACHMENT_MAX_ZIP_MEMBERS", 10_000)),
        )


def max_upload_bytes() -> int:
    """The largest file accepted (ATTACHMENT_MAX_BYTES, 50 MB by default)."""
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 50 * 1024 * 1024))


def check_size(size: int) -> None:
    """Refuse an empty file, or one over the configured limit."""
    if size == 0:
        raise FileRejected(_("the file is empty"), code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise FileRejected(
            _("the file is %(size)s; files may be at most %(limit)s")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def detect_kind(fileobj: BinaryIO, *, limits: ZipLimits | None = None) -> str:
    """'pdf', 'pptx' or 'docx', from the content; raises FileRejected for anything else."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(PDF_SIGNATURE):
        return "pdf"
    if head.startswith(PNG_SIGNATURE):
        return _image_kind(fileobj, "png")
    if head.startswith(JPEG_SIGNATURE):
        return _image_kind(fileobj, "jpg")
    if head.startswith(OLE_SIGNATURE):
        raise FileRejected(
            _(
                "an encrypted (password-protected) or old-format Office file (.doc, .ppt): "
                "save it as an unprotected .pptx or .docx, or as PDF"
            ),
            code="encrypted",
        )
    if head.startswith(ZIP_SIGNATURE):
        return _ooxml_kind(fileobj, limits or ZipLimits.from_settings())
    raise FileRejected(
        _(
            "not a PDF, PowerPoint (PPTX) or Word (DOCX) file, nor a PNG or JPEG image: "
            "its content was not recognised"
        ),
        code="unknown_type",
    )


def max_image_pixels() -> int:
    """The most pixels an image may have (ATTACHMENT_MAX_IMAGE_PIXELS, 50 million)."""
    return int(getattr(settings, "ATTACHMENT_MAX_IMAGE_PIXELS", 50_000_000))


def _image_kind(fileobj: BinaryIO, kind: str) -> str:
    """The kind, once the image's header says it is not a bomb: its pixels are never decoded
    here, only its declared size read."""
    from PIL import Image

    limit = max_image_pixels()
    try:
        with Image.open(fileobj) as image:  # lazy: reads the header only
            width, height = image.size
    except Image.DecompressionBombError:  # Pillow's own guard: far more than the limit
        raise FileRejected(
            f"an image far larger than {limit / 1e6:.0f} million pixels", code="image_bomb"
        ) from None
    except (OSError, ValueError, SyntaxError) as error:
        raise FileRejected(
            f"a damaged image that cannot be read ({error})", code="corrupt"
        ) from None
    finally:
        fileobj.seek(0)
    if width * height > limit:
        raise FileRejected(
            f"an image of {width * height / 1e6:.0f} million pixels; at most "
            f"{limit / 1e6:.0f} million are accepted",
            code="image_bomb",
        )
    return kind


def _ooxml_kind(fileobj: BinaryIO, limits: ZipLimits) -> str:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise FileRejected(
            _("a damaged file that cannot be read (%(error)s)") % {"error": error}, code="corrupt"
        ) from None
    finally:
        fileobj.seek(0)
    _check_expansion(members, limits)
    if any(m.flag_bits & 0x1 for m in members):
        raise FileRejected(_("an encrypted ZIP archive"), code="encrypted")
    names = {m.filename for m in members}
    if "[Content_Types].xml" in names:
        found = {kind for part, kind in OOXML_MAIN_PARTS.items() if part in names}
        if len(found) == 1:
            return found.pop()
    raise FileRejected(
        _("a ZIP archive that is not a PowerPoint (PPTX) or Word (DOCX) document"),
        code="unknown_type",
    )


def _check_expansion(members: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse a ZIP bomb: too many parts, too large unpacked, or compressed beyond reason,
    part by part or as a whole.

    The sizes are those the archive declares; Python's zipfile never reads a part past
    its declared size, so they bound what extraction can unpack.
    """
    if len(members) > limits.max_members:
        raise FileRejected(
            _("a ZIP archive of %(parts)s parts; at most %(max)s are accepted")
            % {"parts": len(members), "max": limits.max_members},
            code="zip_bomb",
        )
    expanded = sum(m.file_size for m in members)
    if expanded > limits.max_expanded:
        raise FileRejected(
            _("it expands to %(size)s when unpacked; at most %(limit)s is accepted")
            % {"size": filesizeformat(expanded), "limit": filesizeformat(limits.max_expanded)},
            code="zip_bomb",
        )
    # Many parts just under the per-part floor (190 parts of 1 MiB of zeros) expand as far
    # as one large part: the whole archive's ratio is bounded too, once it is large enough
    # for the expansion to cost anything.
    packed = sum(m.compress_size for m in members)
    if expanded > TOTAL_RATIO_FLOOR and expanded / max(packed, 1) > limits.max_ratio:
        raise FileRejected(
            _(
                "it expands %(ratio)d times when unpacked (%(packed)s to %(expanded)s); "
                "at most %(limit)d times is accepted"
            )
            % {
                "ratio": expanded // max(packed, 1),
                "packed": filesizeformat(packed),
                "expanded": filesizeformat(expanded),
                "limit": limits.max_ratio,
            },
            code="zip_bomb",
        )
    for member in members:
        # Small parts may compress far (a blank XML part); only large ones can be a bomb.
        if member.file_size > PART_RATIO_FLOOR:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise FileRejected(
                    _(
                        "a part of it (%(part)s) expands %(ratio)s times when unpacked; "
                        "at most %(max)s times is accepted"
                    )
                    % {"part": member.filename, "ratio": f"{ratio:.0f}", "max": limits.max_ratio},
                    code="zip_bomb",
                )


def describe(kind: str) -> str:
    """'a PDF', 'a Word document (DOCX)' ... for messages."""
    return str(KIND_NAMES[kind])
