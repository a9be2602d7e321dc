"""Shared fixtures: every test gets its own index and media folders under tmp_path.

And the order the files run in: see pytest_collection_modifyitems.
"""

from collections import Counter

import pytest
from django.conf import settings
from django.utils import translation

from sonla_kb import search
from sonla_kb.search import glossary
from sonla_kb.search.backends.whoosh import searcher

# The markers of the tests that take seconds each (pyproject.toml describes them).
HEAVY_MARKERS = ("slow", "browser")


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering and the browser tests' marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files with slow or browser tests first, then the others, those with most tests first.

    `make test` hands each worker a whole file at a time, in this order (--dist loadfile,
    with --no-loadscope-reorder in pyproject.toml; xdist would otherwise start the files
    with most tests first, and leave a file of one test of twenty seconds for the end).
    Started first, the long files run while the many short ones fill in beside them.
    The order of the tests within a file is kept.
    """

    def file_of(item: pytest.Item) -> str:
        return item.nodeid.split("::", 1)[0]

    count = Counter(file_of(item) for item in items)
    heavy = {
        file_of(item)
        for item in items
        if any(item.get_closest_marker(name) for name in HEAVY_MARKERS)
    }
    first = {}
    for position, item in enumerate(items):
        first.setdefault(file_of(item), position)

    def order(item: pytest.Item) -> tuple[bool, int, int]:
        path = file_of(item)
        if path in heavy:
            return (False, 0, first[path])
        return (True, -count[path], first[path])

    items.sort(key=order)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts, and leaves, in English: a request in Vietnamese leaves it active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _postgres_search_left_empty(request, settings):
    """After a test that commits, the PostgreSQL search tables as the test found them: empty.

    The flush after such a test empties the models' tables only, and a later test of a
    fresh install (no index yet) would find the index this one built.
    """
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if committed and settings.SEARCH_BACKEND == "postgres":
        from sonla_kb.search.backends.postgres import store

        store.clear()


@pytest.fixture(autouse=True)
def _isolated_folders(settings, tmp_path):
    """Point the search index, uploaded files and page cache at this test's own folders."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache",
        }
    }


@pytest.fixture
def index(db, settings, tmp_path):
    """A freshly built index of whatever the test database holds, in its own folder."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    searcher.forget()
    glossary.forget()  # a rolled-back test's terms sent no signal
    search.rebuild()
    yield settings.SEARCH_INDEX_DIR
    searcher.forget()
    glossary.forget()


@pytest.fixture
def live(index, django_capture_on_commit_callbacks):
    """Run writes as a request would: the index and storage follow when it commits."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
