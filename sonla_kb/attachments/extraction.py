"""The text of a PDF, PPTX or DOCX, page by page or slide by slide.

The `*_pages` functions are pure and parse the document in the calling process.
`extract` runs them in a child process under a wall-clock limit and an address-space
limit (RLIMIT_AS), so a hostile file can neither hang nor exhaust the server. The
children are forked from a small single-threaded fork server with the parsers already
loaded: quick to start, and safe from forking a threaded web server.

This module does not import Django: the fork server loads it without settings.
"""

import contextlib
import io
import multiprocessing
import os
import re
import resource
import select
import signal
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

# How many characters of a reason are kept.
REASON_LIMIT = 300


class Unreadable(Exception):
    """The document cannot be opened: damaged, or encrypted."""

    def __init__(self, message: str, *, code: str = "corrupt") -> None:
        self.message = message
        self.code = code
        super().__init__(message)


@dataclass
class Extraction:
    """The text of each page or slide, and what went wrong on the way (if anything)."""

    pages: list[str] = field(default_factory=list)
    failure: str = ""  # why some or all of the text is missing
    note: str = ""  # what staff should know although extraction worked
    rejected: str = ""  # why the file cannot be accepted at all (damaged, encrypted)
    rejected_code: str = ""
    ocr: dict[int, float] = field(default_factory=dict)  # recognised pages: mean confidence
    ocr_missing: str = ""  # why pages without text were not recognised (OCR not installed)


@dataclass(frozen=True)
class Limits:
    """Bounds on one extraction: seconds of wall-clock time, MB of address space, characters."""

    seconds: float = 60.0
    memory_mb: int = 1024
    max_chars: int = 2_000_000


# --- PDF ---------------------------------------------------------------------------------


def pdf_pages(data: bytes, *, on_error: Callable[[int, Exception], None]) -> Iterator[str]:
    """The text of each page of a PDF, in order (pypdf)."""
    pages = open_pdf(data)
    for number in range(len(pages)):
        try:
            yield pages[number].extract_text() or ""
        except MemoryError:
            raise
        except Exception as error:  # pypdf raises many kinds on a bad page
            on_error(number + 1, error)
            yield ""


def open_pdf(data: bytes) -> Any:
    """A PDF's pages, opened but not read; Unreadable if damaged or encrypted."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = None if encrypted else reader.pages
        count = 0 if encrypted else len(pages)
    except MemoryError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise Unreadable(f"a damaged PDF that cannot be read ({_short(error)})") from None
    if encrypted:
        raise Unreadable(
            "an encrypted (password-protected) PDF: upload an unprotected copy", code="encrypted"
        )
    if count == 0:
        raise Unreadable("a damaged PDF: it has no pages")
    return pages


# --- PPTX --------------------------------------------------------------------------------


def pptx_pages(data: bytes, *, on_error: Callable[[int, Exception], None]) -> Iterator[str]:
    """The text of each slide: its title, text boxes, tables and groups, then its speaker notes."""
    for number, slide in enumerate(open_pptx(data), start=1):
        try:
            yield _slide_text(slide)
        except MemoryError:
            raise
        except Exception as error:
            on_error(number, error)
            yield ""


def open_pptx(data: bytes) -> list[Any]:
    """A deck's slides, opened but not read; Unreadable if damaged."""
    from pptx import Presentation

    try:
        deck = Presentation(io.BytesIO(data))
        return list(deck.slides)
    except MemoryError:
        raise
    except Exception as error:  # python-pptx raises KeyError, XMLSyntaxError, ... on a bad part
        raise Unreadable(
            f"a damaged PowerPoint file that cannot be read ({_short(error)})"
        ) from None


def _slide_text(slide) -> str:
    title = slide.shapes.title
    parts = [_clean(title.text_frame.text)] if title is not None and title.has_text_frame else []
    for shape in slide.shapes:
        if title is not None and shape.shape_id == title.shape_id:
            continue
        parts.extend(_shape_texts(shape))
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None:
            parts.append(_clean(notes.text))
    return _join(parts)


def _shape_texts(shape) -> Iterator[str]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    try:
        group = shape.shape_type == MSO_SHAPE_TYPE.GROUP
    except NotImplementedError:  # a kind of shape python-pptx does not know: not a group
        group = False
    if group:
        for inner in shape.shapes:
            yield from _shape_texts(inner)
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield _clean(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            yield " | ".join(t for t in (_clean(c.text_frame.text) for c in row.cells) if t)


# --- DOCX --------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_pages(data: bytes, *, on_error: Callable[[int, Exception], None]) -> Iterator[str]:
    """The text of a Word document's paragraphs and tables, cut into pages where Word broke them.

    A DOCX holds no layout; its page breaks (typed, or recorded by Word when it last laid the
    document out) are the only pages it knows. Without any, the whole document is one page.
    """
    pages: list[list[str]] = [[]]
    for element in open_docx(data).iterchildren():
        _docx_block(element, pages)
    texts = [_join(lines) for lines in pages]
    # A break at the very end (or start) makes no page of its own.
    while len(texts) > 1 and not texts[-1]:
        texts.pop()
    yield from texts


def open_docx(data: bytes) -> Any:
    """A Word document's body, opened but not read; Unreadable if damaged."""
    from docx import Document

    try:
        return Document(io.BytesIO(data)).element.body
    except MemoryError:
        raise
    except Exception as error:
        raise Unreadable(f"a damaged Word file that cannot be read ({_short(error)})") from None


def _docx_block(element, pages: list[list[str]]) -> None:
    if element.tag == f"{_W}p":
        _docx_paragraph(element, pages)
    elif element.tag == f"{_W}tbl":
        for row in element.iterchildren(f"{_W}tr"):
            cells = []
            for cell in row.iterchildren(f"{_W}tc"):
                inner: list[list[str]] = [[]]
                for block in cell.iterchildren():
                    _docx_block(block, inner)
                text = _clean(" ".join(_join(lines) for lines in inner))
                if text:
                    cells.append(text)
            if cells:
                pages[-1].append(" | ".join(cells))
    elif element.tag == f"{_W}sdt":  # a content control: its content is ordinary blocks
        for content in element.iterchildren(f"{_W}sdtContent"):
            for block in content.iterchildren():
                _docx_block(block, pages)


def _docx_paragraph(paragraph, pages: list[list[str]]) -> None:
    chunks: list[str] = []
    for node in paragraph.iter(
        f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}lastRenderedPageBreak"
    ):
        tag = node.tag
        if tag == f"{_W}t":
            chunks.append(node.text or "")
        elif tag == f"{_W}tab":
            chunks.append("\t")
        elif tag == f"{_W}cr" or (tag == f"{_W}br" and node.get(f"{_W}type") != "page"):
            chunks.append("\n")
        else:  # a page break: what follows is on the next page
            pages[-1].append(_clean("".join(chunks)))
            chunks = []
            # Word records a rendered break right after a typed one: one new page, not two.
            if any(pages[-1]):
                pages.append([])
    pages[-1].append(_clean("".join(chunks)))


# --- Images (PNG, JPEG) ----------------------------------------------------------------


def image_pages(data: bytes, *, on_error: Callable[[int, Exception], None]) -> Iterator[str]:
    """An image is one page without a text layer: OCR alone can give its text."""
    open_image(data)
    yield ""


def open_image(data: bytes) -> tuple[int, int]:
    """An image's size, from its header; Unreadable if damaged (its pixels are not decoded)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # checks the structure (and PNG's checksums) without decoding
            return image.size
    except MemoryError:
        raise
    except Exception as error:  # Pillow raises OSError, SyntaxError, ... on a bad file
        raise Unreadable(f"a damaged image that cannot be read ({_short(error)})") from None


# --- Shared ------------------------------------------------------------------------------

EXTRACTORS: dict[str, Callable[..., Iterator[str]]] = {
    "pdf": pdf_pages,
    "pptx": pptx_pages,
    "docx": docx_pages,
    "png": image_pages,
    "jpg": image_pages,
}

# Opening a document without reading its text: quick even where reading it is slow.
OPENERS: dict[str, Callable[[bytes], Any]] = {
    "pdf": open_pdf,
    "pptx": open_pptx,
    "docx": open_docx,
    "png": open_image,
    "jpg": open_image,
}

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def _clean(text: str) -> str:
    """Tidy spaces, keep line breaks, drop NUL (PostgreSQL refuses it in text), compose accents."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in parts if p)


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 1] + "…"


def extract_in_process(*, kind: str, data: bytes, max_chars: int) -> Extraction:
    """Extract the text here, in this process (the child calls this)."""
    result = Extraction()
    failures: list[str] = []

    def on_error(number: int, error: Exception) -> None:
        failures.append(f"{number}: {_short(error)}")

    total = 0
    try:
        for text in EXTRACTORS[kind](data, on_error=on_error):
            text = _clean(text)
            if total + len(text) > max_chars:
                result.pages.append(text[: max(0, max_chars - total)])
                result.note = (
                    f"only the first {max_chars:,} characters of text were kept; "
                    "the rest is not searchable"
                )
                return result
            total += len(text)
            result.pages.append(text)
    except Unreadable as error:
        return Extraction(rejected=error.message, rejected_code=error.code)
    except MemoryError:
        return Extraction(failure="the text could not be read within the memory limit")
    if failures:
        unit = "slide" if kind == "pptx" else "page"
        where = "; ".join(failures)
        result.failure = _short(f"the text of some {unit}s could not be read ({unit} {where})")
    return result


def probe_in_process(*, kind: str, data: bytes) -> Extraction:
    """Open the document without reading its text: is it damaged or encrypted? (in the child)"""
    try:
        OPENERS[kind](data)
    except Unreadable as error:
        return Extraction(rejected=error.message, rejected_code=error.code)
    return Extraction()


def _die_with_owner(owner: int) -> None:
    """Exit as soon as the process that asked for this job dies (killed, even by SIGKILL).

    The fork server is this child's parent, and it lives as long as its children do, so
    the child watches the asking process itself: through a pidfd where Linux has one,
    else by looking every half second.
    """

    def watch() -> None:
        try:
            handle = os.pidfd_open(owner)
        except ProcessLookupError:
            os._exit(1)
        except (AttributeError, OSError):  # no pidfd here: look now and then
            while True:
                time.sleep(0.5)
                try:
                    os.kill(owner, 0)
                except ProcessLookupError:
                    os._exit(1)
                except PermissionError:
                    pass
        select.select([handle], [], [])  # readable when the process has exited
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="owner-watch").start()


def _child(
    conn: Connection, job: Callable[..., Extraction], kwargs: dict, limits: Limits, owner: int
) -> None:
    """Runs in the child: cap memory and CPU time, do the job, send the result back."""
    _die_with_owner(owner)
    memory = limits.memory_mb * 1024 * 1024
    cpu = int(limits.seconds) + 1
    for limit, value in (
        (resource.RLIMIT_AS, (memory, memory)),
        (resource.RLIMIT_CPU, (cpu, cpu + 1)),
    ):
        # A system may refuse one (macOS, RLIMIT_AS): the parent's wall-clock limit still holds.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, value)
    try:
        result = job(**kwargs)
    except MemoryError:
        result = Extraction(failure="the text could not be read within the memory limit")
    except Exception as error:  # report, never leave the parent waiting
        result = Extraction(failure=f"extraction failed ({_short(error)})")
    conn.send(result)
    conn.close()


_context: Any = None


def _process_context() -> Any:
    """The fork-server context, with the parsers loaded once in the server."""
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "pypdf", "pptx", "docx", "PIL.Image"])
        _context = context
    return _context


def extract(*, kind: str, data: bytes, limits: Limits) -> Extraction:
    """Extract the text in a child process within the limits; a stop is a failure, not a hang."""
    return run_limited(
        extract_in_process, limits=limits, kind=kind, data=data, max_chars=limits.max_chars
    )


def probe(*, kind: str, data: bytes, limits: Limits) -> Extraction:
    """Open the document in a child process within the limits, without reading its text."""
    return run_limited(probe_in_process, limits=limits, kind=kind, data=data)


def run_limited(job: Callable[..., Extraction], *, limits: Limits, **kwargs: Any) -> Extraction:
    """Run `job(**kwargs)` (a module-level function) in a child process within the limits."""
    context = _process_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sender, job, kwargs, limits, os.getpid()), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            return Extraction(failure=f"extraction took longer than {limits.seconds:g} seconds")
        try:
            return receiver.recv()
        except (EOFError, OSError):
            child.join(1)
            return Extraction(failure=_stopped(child.exitcode))
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def _stopped(exitcode: int | None) -> str:
    if exitcode is not None and -exitcode in (signal.SIGXCPU, signal.SIGKILL, signal.SIGSEGV):
        # Out of CPU time, killed, or a parser's allocation failing under the memory cap.
        return "extraction was stopped: it used more time or memory than allowed"
    return f"extraction stopped unexpectedly (exit code {exitcode})"
