"""Moderation of the delegates' feedback: the queue of what awaits it, and publishing."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from .models import Feedback

# Kept in each version's history as the reason for the change (in English, as data).
PUBLISHED_REASON = gettext_noop("Published")
UNPUBLISHED_REASON = gettext_noop("Unpublished")
RECENT_SHOWN = 20


def awaiting_moderation() -> QuerySet[Feedback]:
    """Unpublished feedback, the longest waiting first."""
    return (
        Feedback.objects.filter(published=False)
        .select_related("study", "presentation", "policy")
        .order_by("submitted_on", "created_at", "pk")
    )


def awaiting_count() -> int:
    """How many feedback items await moderation."""
    return Feedback.objects.filter(published=False).count()


def recently_published(*, limit: int = RECENT_SHOWN) -> QuerySet[Feedback]:
    """Published feedback, the latest changed first: what a moderator may want to take back."""
    return (
        Feedback.objects.filter(published=True)
        .select_related("study", "presentation", "policy")
        .order_by("-updated_at", "-pk")[:limit]
    )


def set_published(queryset: QuerySet[Feedback], *, published: bool) -> int:
    """Publish or unpublish feedback one row at a time, so post_save (and the index) follows.

    Each save writes a version whose user is the request's (simple-history's middleware)
    and whose reason says what was done.
    """
    changed = 0
    reason = PUBLISHED_REASON if published else UNPUBLISHED_REASON
    with transaction.atomic():
        for feedback in queryset.filter(published=not published).order_by("pk"):
            feedback.published = published
            feedback._change_reason = reason
            feedback.save(update_fields=["published", "updated_at"])
            changed += 1
    return changed
