"""OCR in the background extraction: the pages of a PDF that have no text are recognised.

Each page is recognised in its own extraction child (time and memory limits per page);
the worker renews its claim on the file before each page, so a long scan keeps its claim
while a dead worker still loses it. Pages with a text layer keep it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_noop

from . import extraction, ocr
from .validation import extraction_limits


@dataclass(frozen=True)
class OcrLimits:
    """Bounds on recognising one file: pages, seconds per page, resolution, pixels per page."""

    max_pages: int
    page_seconds: float
    dpi: int
    max_pixels: int


def ocr_limits() -> OcrLimits:
    """The OCR limits, from settings."""
    return OcrLimits(
        max_pages=int(getattr(settings, "ATTACHMENT_OCR_MAX_PAGES", 50)),
        page_seconds=float(getattr(settings, "ATTACHMENT_OCR_PAGE_SECONDS", 60)),
        dpi=int(getattr(settings, "ATTACHMENT_OCR_DPI", 300)),
        max_pixels=int(getattr(settings, "ATTACHMENT_OCR_MAX_PIXELS", 50_000_000)),
    )


def enabled() -> bool:
    """OCR is wanted (ATTACHMENT_OCR, on by default) and can run on this machine."""
    return bool(getattr(settings, "ATTACHMENT_OCR", True)) and not ocr.missing()


# Why a file's pages without text were not recognised: stored as its reason, in English, and
# shown translated after its status, "No text found (OCR not installed)".
OCR_NOT_INSTALLED = gettext_noop("OCR not installed")
OCR_TURNED_OFF = gettext_noop("OCR is turned off")
UNAVAILABLE_REASONS = frozenset({OCR_NOT_INSTALLED, OCR_TURNED_OFF})


def unavailable_reason() -> str:
    """Why pages without text are not recognised here ('' when they are)."""
    if not getattr(settings, "ATTACHMENT_OCR", True):
        return OCR_TURNED_OFF
    return OCR_NOT_INSTALLED if ocr.missing() else ""


def unavailable_detail() -> str:
    """What exactly is missing or off, for the admin's notice and `ocr_pending` ('' if none)."""
    if not getattr(settings, "ATTACHMENT_OCR", True):
        return "ATTACHMENT_OCR is False in the settings"
    return ocr.missing()


# The job that recognises one page, by kind of file.
PAGE_JOBS = {
    "pdf": ocr.pdf_page_in_process,
    "png": ocr.image_in_process,
    "jpg": ocr.image_in_process,
}


def empty_pages(kind: str, result: extraction.Extraction) -> list[int]:
    """The pages (from 1) of a PDF or an image that OCR could fill."""
    if kind not in PAGE_JOBS or result.rejected:
        return []
    return [n for n, text in enumerate(result.pages, start=1) if not text.strip()]


def fill_empty_pages(
    *,
    kind: str,
    data: bytes,
    result: extraction.Extraction,
    renew: Callable[[float], None] = lambda seconds: None,
) -> extraction.Extraction:
    """Recognise the pages without text, in place; note what was skipped or failed."""
    empties = empty_pages(kind, result)
    if not empties:
        return result
    reason = unavailable_reason()
    if reason:
        result.ocr_missing = reason
        return result
    limits = ocr_limits()
    child_limits = extraction.Limits(
        seconds=limits.page_seconds * 2 + 10,  # drawing, then reading, each within its limit
        memory_mb=extraction_limits().memory_mb,
        max_chars=0,
    )
    total = sum(len(page) for page in result.pages)
    max_chars = extraction_limits().max_chars
    failures = []
    for number in empties[: limits.max_pages]:
        renew(child_limits.seconds + 60)
        page = extraction.run_limited(
            PAGE_JOBS[kind],
            limits=child_limits,
            data=data,
            number=number,
            dpi=limits.dpi,
            seconds=limits.page_seconds,
            max_pixels=limits.max_pixels,
        )
        if page.failure:
            failures.append(page.failure)
            continue
        text = page.pages[0][: max(0, max_chars - total)]
        total += len(text)
        result.pages[number - 1] = text
        result.ocr.update(page.ocr)
    if len(empties) > limits.max_pages:
        result.note = _join(
            result.note,
            f"only the first {limits.max_pages} pages without text were recognised",
        )
    if failures:
        result.failure = _join(result.failure, "; ".join(failures))[: extraction.REASON_LIMIT]
    return result


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def queue_unrecognised() -> int:
    """Mark pending every PDF or image with pages that have neither text nor recognised text;
    how many."""
    from .models import Attachment, ExtractionStatus

    stale = []
    files = Attachment.objects.filter(kind__in=PAGE_JOBS).exclude(status=ExtractionStatus.PENDING)
    for attachment in files.only("pages", "ocr_pages").iterator():
        recognised = attachment.ocr_pages or {}
        if any(
            not text.strip() and str(n) not in recognised
            for n, text in enumerate(attachment.pages or (), start=1)
        ):
            stale.append(attachment.pk)
    # Through the queue's own fields: the worker takes them as any pending file.
    return Attachment.objects.filter(pk__in=stale).update(
        status=ExtractionStatus.PENDING, claim="", claimed_until=None, attempts=0
    )
