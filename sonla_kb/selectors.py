"""Reads across both apps: the public themes and their records, for every page that lists them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from policies.models import PolicyMeasure, Study
from policies.selectors import policy_list
from presentations.models import Feedback, Presentation
from presentations.selectors import feedback_list, presentation_list

from .themes import Theme, ThemedItem


@dataclass(frozen=True)
class ThemeRecords:
    """Everything the public may see under one theme."""

    policies: list[PolicyMeasure]
    presentations: list[Presentation]
    studies: list[Study]
    feedback: list[Feedback]


def _links_of(model) -> Q:
    """Theme links of one model's records: a join, so the query stays lazy (a form field's
    queryset is built when its module is imported, maybe before the database exists)."""
    meta = model._meta
    return Q(content_type__app_label=meta.app_label, content_type__model=meta.model_name)


def public_theme_links() -> QuerySet[ThemedItem]:
    """Theme links of what the public may see: policies, presentations, the study, and
    published feedback (a theme only unpublished feedback carries is not public)."""
    published = Feedback.objects.published().values("pk")
    return ThemedItem.objects.filter(
        _links_of(PolicyMeasure)
        | _links_of(Presentation)
        | _links_of(Study)
        | (_links_of(Feedback) & Q(object_id__in=published))
    )


def public_themes() -> QuerySet[Theme]:
    """The themes the public may see: those a public record carries. Every public list,
    page, filter, sitemap and suggestion of themes starts from this one selector."""
    return Theme.objects.filter(pk__in=public_theme_links().values("tag_id"))


def themes_with_counts() -> QuerySet[Theme]:
    """The public themes, A to Z, with `record_count`: how many public records carry each."""
    public = Q(items__in=public_theme_links())
    return public_themes().annotate(record_count=Count("items", filter=public)).order_by("name")


def theme_detail(*, slug: str) -> Theme:
    """One public theme by slug; raises Theme.DoesNotExist (for a theme not public, too)."""
    return public_themes().get(slug=slug)


def theme_records(*, theme: Theme) -> ThemeRecords:
    """The policies, presentations, studies and published feedback under a theme."""
    return ThemeRecords(
        policies=list(policy_list(theme=theme)),
        presentations=list(presentation_list().filter(tags__id=theme.pk).distinct()),
        studies=list(Study.objects.filter(tags__id=theme.pk).distinct().prefetch_related("tags")),
        feedback=list(feedback_list(theme=theme)),
    )
