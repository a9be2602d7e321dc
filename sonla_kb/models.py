"""Models of the shared core: the theme vocabulary and the search index change log."""

from .search.changelog import IndexChange
from .themes import Theme, ThemedItem

__all__ = ["IndexChange", "Theme", "ThemedItem"]
