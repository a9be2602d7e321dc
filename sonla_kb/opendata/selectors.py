"""Reads for the about and data pages: the licence, the contact, the latest change."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.glossary.models import Term

# Every kind of public record whose versions simple-history keeps (deletions included).
_HISTORIED = (PolicyMeasure, Study, Presentation, Workshop, Indicator, Term)


@dataclass(frozen=True)
class Licence:
    """The licence the data may be reused under."""

    name: str
    url: str


def data_licence() -> Licence:
    """The licence of the data, from the DATA_LICENCE and DATA_LICENCE_URL settings."""
    return Licence(name=settings.DATA_LICENCE, url=settings.DATA_LICENCE_URL)


def contact_email() -> str:
    """Whom to write to about the knowledge base (CONTACT_EMAIL); empty when not set."""
    return settings.CONTACT_EMAIL.strip()


def last_updated() -> datetime | None:
    """When the public content last changed: the latest version of any public record.

    Versions of feedback count only while it was published, so that moderating hidden
    feedback never shows; a deletion is a version too. None for an empty knowledge base.
    """
    dates = [model.history.aggregate(latest=Max("history_date"))["latest"] for model in _HISTORIED]
    dates.append(
        Feedback.history.filter(published=True).aggregate(latest=Max("history_date"))["latest"]
    )
    return max((d for d in dates if d is not None), default=None)


def record_counts() -> dict[str, int]:
    """How many public records of each kind there are, and how many are sample."""
    return {
        "policies": PolicyMeasure.objects.count(),
        "policies_sample": PolicyMeasure.objects.filter(sample=True).count(),
        "presentations": Presentation.objects.count(),
        "presentations_sample": Presentation.objects.filter(sample=True).count(),
        "studies": Study.objects.count(),
        "feedback": Feedback.objects.published().count(),
        "indicators": Indicator.objects.count(),
        "terms": Term.objects.count(),
    }
