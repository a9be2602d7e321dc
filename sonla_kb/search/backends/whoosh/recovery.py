"""An index found missing or unreadable rebuilds itself, once, in the background.

Searches answer from the database meanwhile (engine.py); when the rebuild switches
generations, the next search opens the new one. A rebuild only starts when the index
really cannot be read (a failing query alone is not enough), one at a time across
processes (``rebuild()`` holds the rebuild lock), and at most once per
SEARCH_AUTO_REBUILD_INTERVAL seconds in each process.
"""

import logging
import math
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from whoosh import index as whoosh_index

from . import searcher as searchers
from . import storage

log = logging.getLogger(__name__)

_lock = threading.Lock()
_thread: threading.Thread | None = None
_last_start = -math.inf


def rebuild_soon() -> threading.Thread | None:
    """Check the index in the background and rebuild it if it is unreadable; the thread, if any.

    Returns None when recovery is turned off, already running, or tried too recently.
    """
    global _thread, _last_start
    if not getattr(settings, "SEARCH_AUTO_REBUILD", False):
        return None
    interval = float(getattr(settings, "SEARCH_AUTO_REBUILD_INTERVAL", 60.0))
    with _lock:
        now = time.monotonic()
        if (_thread is not None and _thread.is_alive()) or now - _last_start < interval:
            return None
        _last_start = now
        _thread = threading.Thread(
            target=_recover, args=(storage.index_root(),), name="search-index-recovery", daemon=True
        )
        _thread.start()
        return _thread


def reset() -> None:
    """Forget the last attempt, so the next fault may start a rebuild at once (for tests)."""
    global _thread, _last_start
    with _lock:
        _thread, _last_start = None, -math.inf


def index_readable(root: Path) -> bool:
    """True when the current generation opens and every document and facet column reads."""
    try:
        generation = storage.current_generation(root)
        if generation is None:
            return False
        storage.read_cursor(generation)
        ix = whoosh_index.open_dir(str(generation))
        with ix.searcher() as s:
            for _fields in s.all_stored_fields():
                pass
            searchers.Columns.read(s)
    except Exception:
        return False
    return True


def _recover(root: Path) -> None:
    from .writer import rebuild

    try:
        if index_readable(root):
            return
        log.warning("The search index at %s is missing or unreadable: rebuilding it", root)
        result = rebuild(root=root)
        log.warning(
            "Search index rebuilt (%d records); searches use the index again", result.documents
        )
    except storage.IndexUnavailable as exc:
        log.info("No automatic rebuild: %s", exc)  # another process is rebuilding it
    except Exception:
        log.exception("Rebuilding the search index failed; searches go on from the database")
    finally:
        searchers.forget()
        connections.close_all()  # this thread's own connections
