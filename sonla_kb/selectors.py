"""Reads across both apps: the themes with their records, for the theme and home pages."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from policies.models import PolicyMeasure, Study
from policies.selectors import policy_list
from presentations.models import Feedback, Presentation
from presentations.selectors import feedback_list, presentation_list

from .themes import Theme


@dataclass(frozen=True)
class ThemeRecords:
    """Everything the public may see under one theme."""

    policies: list[PolicyMeasure]
    presentations: list[Presentation]
    studies: list[Study]
    feedback: list[Feedback]


def themes_with_counts() -> QuerySet[Theme]:
    """Every theme, A to Z, with `record_count`: its records, counting published feedback only."""
    feedback_type = ContentType.objects.get_for_model(Feedback)
    unpublished = Feedback.objects.filter(published=False).values("pk")
    hidden = Q(items__content_type=feedback_type) & Q(items__object_id__in=unpublished)
    return Theme.objects.annotate(record_count=Count("items", filter=~hidden)).order_by("name")


def theme_detail(*, slug: str) -> Theme:
    """One theme by slug; raises Theme.DoesNotExist."""
    return Theme.objects.get(slug=slug)


def theme_records(*, theme: Theme) -> ThemeRecords:
    """The policies, presentations, studies and published feedback under a theme."""
    return ThemeRecords(
        policies=list(policy_list(theme=theme)),
        presentations=list(presentation_list().filter(tags__id=theme.pk).distinct()),
        studies=list(Study.objects.filter(tags__id=theme.pk).distinct().prefetch_related("tags")),
        feedback=list(feedback_list(theme=theme)),
    )
