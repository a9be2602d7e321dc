"""File names a browser, a shell and a file system can take as they are (pure)."""

import re
import unicodedata
from urllib.parse import quote

EXTENSIONS = ("pdf", "pptx", "docx", "png", "jpg", "jpeg")
# Names an extension goes by: a JPEG is stored as .jpg, whichever its name says.
ALIASES = {"jpeg": "jpg"}
MAX_STEM = 100
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")
# Characters that end, split or hide a name in a header or a path, in any script.
_UNSAFE_ANY = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;%]+')


def extension_of(name: str) -> str:
    """The lower-case extension of a name without its dot ('' when there is none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def kind_named(name: str) -> str:
    """The kind a name claims by its extension ('jpg' for .jpeg too)."""
    extension = extension_of(name)
    return ALIASES.get(extension, extension)


def _stem(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return stem if dot and stem and ext.lower() in EXTENSIONS else name


def ascii_name(name: str, *, kind: str) -> str:
    """An ASCII name ending in the kind's extension: 'Cà phê "x".pdf' → 'Ca-phe-x.pdf'."""
    folded = unicodedata.normalize("NFKD", _stem(name).replace("đ", "d").replace("Đ", "D"))
    ascii_only = folded.encode("ascii", "ignore").decode()
    stem = _UNSAFE_ASCII.sub("-", ascii_only).strip(".-_")[:MAX_STEM].strip(".-_")
    return f"{stem or 'file'}.{kind}"


def unicode_name(name: str, *, kind: str) -> str:
    """The name in its own script, cleaned of separators and controls, with the kind's extension."""
    cleaned = _UNSAFE_ANY.sub("-", unicodedata.normalize("NFC", _stem(name)))
    stem = " ".join(cleaned.split()).strip(" .-")[:MAX_STEM].strip(" .-")
    return f"{stem or 'file'}.{kind}"


def content_disposition(name: str, *, kind: str) -> str:
    """`attachment` with an ASCII filename and the UTF-8 one (RFC 6266), both safe."""
    plain = ascii_name(name, kind=kind)
    full = unicode_name(name, kind=kind)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"
