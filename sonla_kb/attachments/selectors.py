"""Reads of attached files for the public pages."""

from dataclasses import dataclass

from django.db import models

from ..search.locate import pages_matching
from .models import Attachment

# Page numbers listed after "Found on": beyond these, "…".
MAX_LISTED = 12


@dataclass(frozen=True)
class ListedFile:
    """A file as a record's page lists it, with where the visitor's search words are."""

    attachment: Attachment
    found_on: tuple[int, ...] = ()
    more: bool = False  # more pages hold the words than are listed


def public_attachment(*, pk: int) -> Attachment:
    """An attachment of a public record (the study and every presentation are public)."""
    return Attachment.objects.filter(
        models.Q(presentation__isnull=False) | models.Q(study__isnull=False)
    ).get(pk=pk)


def files_for_page(*, record: models.Model, query: str = "") -> list[ListedFile]:
    """The files of a presentation or the study; with a search query, where it was found."""
    owner = "study" if record._meta.label_lower == "policies.study" else "presentation"
    files = Attachment.objects.filter(**{owner: record}).defer("text")
    if not query.strip():
        files = files.defer("pages")
    listed = []
    for attachment in files:
        found = pages_matching(query, attachment.pages) if query.strip() else []
        listed.append(
            ListedFile(attachment, tuple(found[:MAX_LISTED]), more=len(found) > MAX_LISTED)
        )
    return listed
