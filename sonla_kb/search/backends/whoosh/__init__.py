"""Search in a Whoosh index kept in a local folder (SEARCH_INDEX_DIR): the embedded default."""

from .engine import search
from .related import related_records
from .searcher import open_index
from .state import index_state
from .storage import index_absent
from .suggest import suggest
from .writer import (
    catch_up,
    check,
    rebuild,
    record_changes,
    record_gathered,
    showing_catch_up,
)

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
