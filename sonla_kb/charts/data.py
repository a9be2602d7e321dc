"""Reads for the charts: policy measures counted by year, and by year and theme."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from policies.models import PolicyMeasure
from sonla_kb.themes import Theme


@dataclass(frozen=True)
class PolicyCounts:
    """How many policy measures were issued each year, overall and under each theme."""

    years: list[int]
    per_year: dict[int, int]
    themes: list[Theme]
    per_theme_year: dict[tuple[int, int], int]  # (theme id, year) -> count

    def theme_total(self, theme: Theme) -> int:
        """The theme's policy measures over all the years shown."""
        return sum(self.per_theme_year.get((theme.pk, year), 0) for year in self.years)


def policy_counts(*, first_year: int, last_year: int) -> PolicyCounts:
    """Count policy measures issued from first_year to last_year, by year and by theme."""
    in_range = PolicyMeasure.objects.filter(
        issued_on__year__gte=first_year, issued_on__year__lte=last_year
    )
    per_year = Counter(
        {
            row["issued_on__year"]: row["n"]
            for row in in_range.values("issued_on__year").annotate(n=Count("pk")).order_by()
        }
    )
    per_theme_year: dict[tuple[int, int], int] = {}
    rows = (
        in_range.filter(tags__isnull=False)
        .values("tags__id", "issued_on__year")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for row in rows:
        per_theme_year[(row["tags__id"], row["issued_on__year"])] = row["n"]
    theme_ids = {theme_id for theme_id, _year in per_theme_year}
    themes = list(Theme.objects.filter(pk__in=theme_ids).order_by("name"))
    return PolicyCounts(
        years=list(range(first_year, last_year + 1)),
        per_year=dict(per_year),
        themes=themes,
        per_theme_year=per_theme_year,
    )
