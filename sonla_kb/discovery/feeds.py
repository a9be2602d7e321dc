"""Atom feeds of what is new: policy measures, presentations, and published feedback.

Each entry is dated by the record's own date (a policy's issue date, the workshop's date,
the day feedback was given), not by when it was imported; sample records say so in the
title and carry the category "sample".
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from policies.models import PolicyMeasure
from presentations.models import Feedback, Presentation
from presentations.selectors import current_workshop

FEED_LENGTH = 50


class _AtomFeed(Feed):
    """What the three feeds share: Atom, the record's themes as categories, text as HTML."""

    feed_type = Atom1Feed
    # Atom needs an author for every entry: the site, where the record names nobody.
    author_name = _("Son La Coffee Policy Knowledge Base")

    def item_description(self, item) -> str:
        """The record's summary, escaped: Atom readers take the summary as HTML."""
        return escape(self.summary_of(item))

    def summary_of(self, item) -> str:
        """The plain text shown as the entry's summary."""
        return getattr(item, "summary", "") or ""

    def item_categories(self, item) -> list[str]:
        """The record's themes, and "sample" for a sample record."""
        themes = [theme.name for theme in item.tags.all()]
        return [*themes, "sample"] if getattr(item, "sample", False) else themes

    def own_date(self, item) -> dt.date | None:
        """The record's own date, where it has one."""
        return None

    def item_pubdate(self, item):
        """The record's own date (not when it was imported); none when it is not known."""
        day = self.own_date(item)
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time()))

    def item_updateddate(self, item):
        """The record's own date; where it has none, when it last changed here."""
        return self.item_pubdate(item) or item.updated_at

    def marked(self, item, title: str) -> str:
        """The title, marked "[Sample]" for a sample record."""
        if getattr(item, "sample", False):
            return f"[{gettext('Sample')}] {title}"
        return title


class PolicyFeed(_AtomFeed):
    """Policy measures, the most recently added first."""

    title = _("Son La coffee policy: new policy measures")
    subtitle = _("Policy measures added to the Son La Coffee Policy Knowledge Base.")

    def link(self) -> str:
        """The policy list."""
        return reverse("policy-list")

    def items(self):
        """The latest policy measures added."""
        return PolicyMeasure.objects.order_by("-created_at", "key").prefetch_related("tags")[
            :FEED_LENGTH
        ]

    def item_title(self, item) -> str:
        """The title, with the official number when there is one."""
        return self.marked(item, f"{item.title} ({item.number})" if item.number else item.title)

    def own_date(self, item) -> dt.date | None:
        """The day it was issued."""
        return item.issued_on

    def item_author_name(self, item) -> str:
        """The body that issued it."""
        return item.issuer


class PresentationFeed(_AtomFeed):
    """The workshop's presentations, the most recently added first."""

    title = _("Son La coffee policy: new presentations")
    subtitle = _("Presentations added to the Son La Coffee Policy Knowledge Base.")

    def link(self) -> str:
        """The list of presentations."""
        return reverse("presentation-list")

    def items(self):
        """The latest presentations added."""
        return Presentation.objects.order_by("-created_at", "order").prefetch_related("tags")[
            :FEED_LENGTH
        ]

    def item_title(self, item) -> str:
        """The title."""
        return self.marked(item, item.title)

    def own_date(self, item) -> dt.date | None:
        """The day of the workshop, where a source gives it."""
        workshop = current_workshop()
        return workshop.date if workshop else None

    def item_author_name(self, item) -> str:
        """The speaker."""
        return item.speaker or None


class FeedbackFeed(_AtomFeed):
    """Published feedback only, the most recently changed (published) first."""

    title = _("Son La coffee policy: new feedback")
    subtitle = _("Delegates' feedback published in the Son La Coffee Policy Knowledge Base.")

    def link(self) -> str:
        """The feedback list."""
        return reverse("feedback-list")

    def items(self):
        """The latest published feedback; unpublished feedback never appears."""
        return (
            Feedback.objects.published()
            .select_related("study", "presentation", "policy")
            .prefetch_related("tags")
            .order_by("-updated_at", "key")[:FEED_LENGTH]
        )

    def item_title(self, item) -> str:
        """Who said it, and how it begins."""
        return self.marked(item, f"{item.author}: {Truncator(item.text).words(12)}")

    def own_date(self, item) -> dt.date | None:
        """The day it was given."""
        return item.submitted_on

    def summary_of(self, item) -> str:
        """What was said."""
        return item.text

    def item_author_name(self, item) -> str:
        """The delegate."""
        return item.author
