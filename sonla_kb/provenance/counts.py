"""How many public records are real (taken from a named source) and how many are sample."""

from dataclasses import dataclass

from django.db.models import Count, Q

from policies.models import PolicyMeasure, Study
from presentations.models import Feedback, Presentation


@dataclass(frozen=True, slots=True)
class RealAndSample:
    """Counts of real and sample records."""

    real: int
    sample: int

    @property
    def total(self) -> int:
        """Real and sample together."""
        return self.real + self.sample

    def __add__(self, other: "RealAndSample") -> "RealAndSample":
        return RealAndSample(real=self.real + other.real, sample=self.sample + other.sample)


def _count(queryset) -> RealAndSample:
    counts = queryset.aggregate(
        real=Count("pk", filter=Q(sample=False)), sample=Count("pk", filter=Q(sample=True))
    )
    return RealAndSample(real=counts["real"], sample=counts["sample"])


def policy_counts() -> RealAndSample:
    """The policy measures, real and sample."""
    return _count(PolicyMeasure.objects.all())


def record_counts() -> RealAndSample:
    """Every public record (study, presentations, policies, published feedback), real and sample."""
    return (
        _count(Study.objects.all())
        + _count(Presentation.objects.all())
        + policy_counts()
        + _count(Feedback.objects.published())
    )
