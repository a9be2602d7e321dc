"""Background extraction: the Attachment rows are the queue.

A pending file is claimed by writing a random token and a lease expiry into its row with
one conditional UPDATE (at most one worker wins, on SQLite and PostgreSQL alike). The
worker reads the text in a child process within the limits of `extraction`, then writes
the result only if it still holds the claim: a file replaced or deleted meanwhile is left
alone. A worker that dies holds its claim only until the lease runs out; the file is then
taken again. Nothing is kept anywhere but in the row, so a restart loses nothing.

Saving the row sends post_save, so the change log reindexes the record (search.signals).
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import extraction, recognition
from .models import Attachment, ExtractionStatus
from .validation import extraction_limits, outcome

log = logging.getLogger(__name__)

# How many candidates one claim looks at before giving up (others took the rest).
CANDIDATES = 20


@dataclass(frozen=True)
class Processed:
    """What one claimed file came to: its name, status and reason, and how long it took."""

    pk: int
    name: str
    status: str
    reason: str
    seconds: float
    stale: bool = False  # the file changed or went while it was read: nothing was written


def lease_seconds() -> float:
    """How long a claim holds (ATTACHMENT_LEASE_SECONDS; the extraction limit plus a minute)."""
    default = extraction_limits().seconds + 60
    return float(getattr(settings, "ATTACHMENT_LEASE_SECONDS", default))


def max_attempts() -> int:
    """How many times a file is claimed before it is marked failed (ATTACHMENT_MAX_ATTEMPTS)."""
    return int(getattr(settings, "ATTACHMENT_MAX_ATTEMPTS", 3))


def _claimable(now) -> Q:
    return Q(status=ExtractionStatus.PENDING) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def waiting_count() -> int:
    """How many files wait for extraction (claimed or not)."""
    return Attachment.objects.filter(status=ExtractionStatus.PENDING).count()


def claim_next() -> Attachment | None:
    """Claim the oldest pending file that no live worker holds; None when there is none."""
    now = timezone.now()
    candidates = (
        Attachment.objects.filter(_claimable(now)).order_by("pk").values_list("pk", flat=True)
    )
    for pk in list(candidates[:CANDIDATES]):
        token = uuid.uuid4().hex
        won = Attachment.objects.filter(_claimable(now), pk=pk).update(
            claim=token,
            claimed_until=now + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1,
        )
        if won:
            return Attachment.objects.get(pk=pk)
    return None


def release(attachment: Attachment) -> None:
    """Give a claim back at once (a worker told to stop): the try does not count."""
    Attachment.objects.filter(pk=attachment.pk, claim=attachment.claim).update(
        claim="", claimed_until=None, attempts=F("attempts") - 1
    )


def process(attachment: Attachment) -> Processed:
    """Read the text of a claimed file and record the outcome (if the claim still holds)."""
    started = time.monotonic()
    if attachment.attempts > max_attempts():
        result = extraction.Extraction(
            failure=f"extraction was interrupted {attachment.attempts - 1} times "
            "(the worker stopped while reading this file)"
        )
    else:
        try:
            with attachment.file.open("rb") as handle:
                data = handle.read()
        except OSError as error:
            result = extraction.Extraction(
                failure=f"the stored file cannot be read ({error.strerror or error})"
            )
        else:
            result = extraction.extract(kind=attachment.kind, data=data, limits=extraction_limits())
            result = recognition.fill_empty_pages(
                kind=attachment.kind,
                data=data,
                result=result,
                renew=lambda seconds: renew(attachment, seconds=seconds),
            )
    status, reason = outcome(result)
    written = _finish(attachment, pages=result.pages, ocr=result.ocr, status=status, reason=reason)
    return Processed(
        pk=attachment.pk,
        name=attachment.original_name,
        status=status,
        reason=reason,
        seconds=time.monotonic() - started,
        stale=not written,
    )


def renew(attachment: Attachment, *, seconds: float) -> None:
    """Hold the claim for `seconds` more (before each long step, such as a page of OCR)."""
    Attachment.objects.filter(pk=attachment.pk, claim=attachment.claim).update(
        claimed_until=timezone.now() + timedelta(seconds=seconds)
    )


def _finish(
    attachment: Attachment,
    *,
    pages: list[str],
    ocr: dict[int, float],
    status: str,
    reason: str,
) -> bool:
    """Write the outcome if the claim still holds; the save reindexes the record."""
    with transaction.atomic():
        # Taking the row first (a write lock) makes the check and the save one step.
        held = Attachment.objects.filter(pk=attachment.pk, claim=attachment.claim).update(claim="")
        if not held:
            return False
        attachment.pages = list(pages)
        attachment.page_count = len(pages)
        attachment.text = "\n\n".join(page for page in pages if page)
        attachment.ocr_pages = {str(number): confidence for number, confidence in ocr.items()}
        attachment.status = status
        limit = Attachment._meta.get_field("status_reason").max_length
        attachment.status_reason = reason[:limit]
        attachment.claim, attachment.claimed_until = "", None
        attachment.save(
            update_fields=[
                "pages",
                "page_count",
                "text",
                "ocr_pages",
                "status",
                "status_reason",
                "claim",
                "claimed_until",
                "updated_at",
            ]
        )
    return True


def work_one() -> Processed | None:
    """Claim and process one pending file; None when none is waiting."""
    attachment = claim_next()
    if attachment is None:
        return None
    try:
        return process(attachment)
    except BaseException:
        # Told to stop (or broken) mid-file: hand it back for the next worker.
        release(attachment)
        raise


def drain(*, limit: int | None = None) -> list[Processed]:
    """Process pending files until none is left (or `limit` were done), in this process."""
    done: list[Processed] = []
    while limit is None or len(done) < limit:
        processed = work_one()
        if processed is None:
            break
        done.append(processed)
    return done


def describe(processed: Processed) -> str:
    """One log line about a processed file."""
    if processed.stale:
        return f"{processed.name}: changed or deleted while it was read; the new content waits"
    label = ExtractionStatus(processed.status).label
    reason = f": {processed.reason}" if processed.reason else ""
    return f"{processed.name}: {label}{reason} ({processed.seconds:.1f} s)"
