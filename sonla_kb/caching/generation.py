"""The content generation: a token in the shared cache, replaced when content changes."""

import logging
import uuid

from django.core.cache import caches
from django.db import transaction

from .settings import cache_alias

log = logging.getLogger(__name__)
GENERATION_KEY = "pages:generation"


def current_generation() -> str:
    """The generation in force, starting one if the cache has none (first start, eviction)."""
    cache = caches[cache_alias()]
    token = cache.get(GENERATION_KEY)
    if token is None:
        # add(), not set(): of several workers starting at once, one token wins for all.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def new_generation() -> None:
    """Start a new generation now: every page stored before is left behind."""
    try:
        # A random token, not a counter: an evicted counter that starts again at 1 would
        # bring back pages stored under the old 1.
        caches[cache_alias()].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        log.exception("The page cache could not start a new generation; pages may be stale")


def content_changed(*, using: str | None = None) -> None:
    """Start a new generation once the current transaction commits (at once outside one).

    After the commit, not before: a worker that rendered a page between the change and
    the commit would otherwise store the old content under the new generation. Once per
    transaction, however many records it changes (an import changes thousands).
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        entry[1] is new_generation for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(new_generation, using=using)
