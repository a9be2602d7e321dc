"""Everything that knows Whoosh: schema, index, queries, and how records become documents.

The rest of the project uses only the names below.
"""

from .engine import search
from .params import ParamError, SearchParams, parse_params
from .related import related_records
from .storage import IndexUnavailable, index_absent
from .suggest import suggest
from .writer import CheckReport, RebuildResult, catch_up, check, rebuild, showing_catch_up

__all__ = [
    "CheckReport",
    "IndexUnavailable",
    "ParamError",
    "RebuildResult",
    "SearchParams",
    "catch_up",
    "check",
    "index_absent",
    "parse_params",
    "rebuild",
    "related_records",
    "search",
    "showing_catch_up",
    "suggest",
]
