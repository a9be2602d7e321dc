"""Search in PostgreSQL full-text search, in the site's own database: several app servers
share it, and every change is searchable when its transaction commits.

Only this package talks to PostgreSQL's search; the analysis, snippets, answers and limits
are the common ones in sonla_kb/search/.
"""

from .engine import search
from .related import related_records
from .store import (
    catch_up,
    check,
    index_absent,
    index_state,
    open_index,
    rebuild,
    record_changes,
    record_gathered,
    showing_catch_up,
)
from .suggest import suggest

__all__ = [
    "catch_up",
    "check",
    "index_absent",
    "index_state",
    "open_index",
    "rebuild",
    "record_changes",
    "record_gathered",
    "related_records",
    "search",
    "showing_catch_up",
    "suggest",
]
