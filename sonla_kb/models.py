"""Models of the shared core: the theme vocabulary, the search index change log, attached files."""

from .attachments.models import Attachment
from .search.changelog import IndexChange
from .themes import Theme, ThemedItem

__all__ = ["Attachment", "IndexChange", "Theme", "ThemedItem"]
