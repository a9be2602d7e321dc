"""Models of the shared core: themes, the glossary, the index change log, attached files."""

from .attachments.models import Attachment
from .glossary.models import Term
from .search.changelog import IndexChange
from .themes import Theme, ThemedItem

__all__ = ["Attachment", "IndexChange", "Term", "Theme", "ThemedItem"]
