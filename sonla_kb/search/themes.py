"""Themes as search sees them: a `tag` parameter resolved to slugs, facet keys to names."""

from collections import Counter

from django.db.models import Q

from ..themes import Theme


def resolve_tags(values: tuple[str, ...]) -> list[str] | None:
    """Slugs of the themes named (by name or slug, any case); None if one is unknown."""
    if not values:
        return []
    slugs = []
    for value in values:
        theme = Theme.objects.filter(Q(slug__iexact=value) | Q(name__iexact=value)).first()
        if theme is None:
            return None
        slugs.append(theme.slug)
    return slugs


def facet_labels(counts: dict[str, Counter]) -> dict[str, dict[str, int]]:
    """Facet counts as the answer gives them: types, theme names, years."""
    names = dict(Theme.objects.values_list("slug", "name"))
    tags: Counter = Counter()
    for slug, n in counts["tagid"].items():
        tags[names.get(slug, slug)] += n
    years = {y: n for y, n in counts["year"].items() if y}
    return {
        "type": dict(counts["type"].most_common()),
        "tag": dict(sorted(tags.items(), key=lambda kv: (-kv[1], kv[0].lower()))),
        "year": dict(sorted(years.items())),
    }
