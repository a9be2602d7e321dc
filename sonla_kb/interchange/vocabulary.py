"""The theme vocabulary during an import: matched by name case-insensitively, created on demand."""

from collections.abc import Iterable

from sonla_kb.themes import Theme

from .errors import Problem
from .schema import Row
from .spec import THEMES
from .summary import Outcome, SectionCounts

_THEME_FIELDS = tuple(f.name for f in THEMES.fields)


class ThemeIndex:
    """Every theme, loaded once, by name; a name no theme has is created on first use."""

    def __init__(self) -> None:
        self.counts = SectionCounts()
        self._exact: dict[str, Theme] = {}
        self._folded: dict[str, Theme] = {}
        for theme in Theme.objects.order_by("pk"):
            self.remember(theme)

    def find(self, name: str) -> Theme | None:
        """The theme of that name: the exact spelling first, else case-insensitively."""
        return self._exact.get(name) or self._folded.get(name.casefold())

    def resolve(self, names: Iterable[str]) -> list[Theme]:
        """The themes a record names, creating (with the name alone) those that do not exist."""
        themes = []
        for name in names:
            theme = self.find(name)
            if theme is None:
                theme = Theme(name=name)
                theme.save()  # TagBase.save derives a free slug through Theme.slugify
                self.remember(theme)
                self.counts.add(Outcome.CREATED)
            themes.append(theme)
        return themes

    def remember(self, theme: Theme) -> None:
        """Make a theme created or renamed outside resolve() findable by its name."""
        self._exact.setdefault(theme.name, theme)
        # Python's casefold, not the database's iexact: SQLite folds ASCII letters only.
        self._folded.setdefault(theme.name.casefold(), theme)


def sync_themes(*, rows: list[Row], index: ThemeIndex) -> None:
    """Create or update the themes the file lists; counts go to index.counts."""
    # Themes with a slug of their own go first, so no derived slug can take it before them.
    for row in sorted(rows, key=lambda r: not r.values["slug"]):
        wanted = {"name": row.key, **row.values}
        theme = index.find(row.key)
        if theme is None:
            theme = Theme(**wanted)
            theme.save()
            index.remember(theme)
            index.counts.add(Outcome.CREATED)
            continue
        if not wanted["slug"]:
            # No slug in the file: keep the one the theme has.
            wanted["slug"] = theme.slug
        changed = [name for name in _THEME_FIELDS if getattr(theme, name) != wanted[name]]
        if not changed:
            index.counts.add(Outcome.UNCHANGED)
            continue
        for name in changed:
            setattr(theme, name, wanted[name])
        theme.save()
        index.remember(theme)
        index.counts.add(Outcome.UPDATED)


def slug_problems(*, rows: list[Row]) -> list[Problem]:
    """Slugs the file gives that another theme already has (a swap is refused, not attempted)."""
    wanted = {row.values.get("slug"): row for row in rows if row.values.get("slug")}
    if not wanted:
        return []
    problems = []
    # The vocabulary is small: reading it whole avoids a long IN list.
    for name, slug in Theme.objects.values_list("name", "slug"):
        row = wanted.get(slug)
        if row is not None and name.casefold() != row.key.casefold():
            problems.append(
                Problem(f"themes[{row.key}].slug", f"{slug!r} is the slug of the theme {name!r}")
            )
    return problems
