"""Search: one contract, two engines (SEARCH_BACKEND: ``whoosh``, the default, or ``postgres``).

The common parts live here (parameters, analysis, snippets, answers, limits, glossary
expansion); each engine is a package in ``backends/``. The rest of the project uses only
the names below, whichever backend answers.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from ..progress import ProgressFactory, quiet
from . import backends
from .contract import CheckReport, IndexUnavailable, RebuildResult
from .params import ParamError, SearchParams, parse_params


def search(params: SearchParams, *, export_limit: int | None = None) -> dict[str, Any]:
    """Answer a search as search-api.md describes; never raises for an index fault."""
    return backends.current().search(params, export_limit=export_limit)


def suggest(prefix: str, *, limit: int = 10) -> list[str]:
    """Up to `limit` completions of what the user has typed so far."""
    return backends.current().suggest(prefix, limit=limit)


def related_records(record: models.Model, *, limit: int = 5) -> list[dict[str, Any]]:
    """Up to `limit` public records most alike this one (empty when the index is down)."""
    return backends.current().related_records(record, limit=limit)


def open_index() -> None:
    """Open what searches read, as a first search would, without answering or repairing
    anything; raises IndexUnavailable when there is no index to open."""
    backends.current().open_index()


def rebuild(**options: Any) -> RebuildResult:
    """Index every public record afresh; searches go on meanwhile."""
    return backends.current().rebuild(**options)


def check(*, repair: bool, progress: ProgressFactory = quiet) -> CheckReport:
    """Compare the index with the database; with `repair`, make them agree."""
    return backends.current().check(repair=repair, progress=progress)


def catch_up(*, lock_timeout: float, progress: ProgressFactory = quiet) -> int:
    """Apply logged changes the index does not hold yet; return how many."""
    return backends.current().catch_up(lock_timeout=lock_timeout, progress=progress)


def index_absent() -> bool:
    """True on a fresh install: no index has been built yet."""
    return backends.current().index_absent()


def index_state() -> str:
    """A short token that changes whenever what a search can see may have changed."""
    return backends.current().index_state()


@contextmanager
def showing_catch_up(progress: ProgressFactory) -> Iterator[None]:
    """Within this block, index updates after a commit (e.g. an import's) show their progress."""
    with backends.current().showing_catch_up(progress):
        yield


__all__ = [
    "CheckReport",
    "IndexUnavailable",
    "ParamError",
    "RebuildResult",
    "SearchParams",
    "catch_up",
    "check",
    "index_absent",
    "index_state",
    "parse_params",
    "rebuild",
    "related_records",
    "search",
    "showing_catch_up",
    "suggest",
]
