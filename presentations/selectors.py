"""Reads of the workshop, its presentations and the published feedback, for the public pages."""

from django.db.models import Model, QuerySet

from policies.models import PolicyMeasure, Study
from sonla_kb.themes import Theme

from .models import Feedback, Presentation, Workshop

ABOUT_FILTERS = {
    "workshop": {"study__isnull": True, "presentation__isnull": True, "policy__isnull": True},
    "study": {"study__isnull": False},
    "presentation": {"presentation__isnull": False},
    "policy": {"policy__isnull": False},
}


def current_workshop() -> Workshop | None:
    """The workshop (there is one record; the first if ever several)."""
    return Workshop.objects.order_by("pk").first()


def presentation_list() -> QuerySet[Presentation]:
    """The presentations in running order, themes prefetched."""
    return Presentation.objects.order_by("order").prefetch_related("tags")


def presentation_detail(*, key: str) -> Presentation:
    """One presentation by key, themes prefetched; raises Presentation.DoesNotExist."""
    return Presentation.objects.prefetch_related("tags").get(key=key)


def published_feedback() -> QuerySet[Feedback]:
    """Feedback the public may see, with what it is about and its themes loaded."""
    return (
        Feedback.objects.published()
        .select_related("study", "presentation", "policy")
        .prefetch_related("tags")
    )


def feedback_list(*, about: str | None = None, theme: Theme | None = None) -> QuerySet[Feedback]:
    """Published feedback, optionally only about one kind of record and under one theme."""
    feedback = published_feedback()
    if about:
        feedback = feedback.filter(**ABOUT_FILTERS[about])
    if theme is not None:
        feedback = feedback.filter(tags__id=theme.pk).distinct()
    return feedback


def feedback_about(*, record: Model) -> QuerySet[Feedback]:
    """Published feedback about one study, presentation or policy measure."""
    field = {Study: "study", Presentation: "presentation", PolicyMeasure: "policy"}[type(record)]
    return Feedback.objects.published().filter(**{field: record}).prefetch_related("tags")
