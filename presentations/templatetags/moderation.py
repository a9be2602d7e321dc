"""The admin front page's count of feedback awaiting moderation."""

from django import template

from presentations.moderation import awaiting_count

register = template.Library()


@register.simple_tag
def feedback_awaiting_count() -> int:
    """How many feedback items are unpublished."""
    return awaiting_count()
