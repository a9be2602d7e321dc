"""Shared fixtures: every test gets its own index and media folders under tmp_path."""

import pytest
from django.conf import settings
from django.utils import translation

from sonla_kb import search
from sonla_kb.search import glossary
from sonla_kb.search.backends.whoosh import searcher


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts, and leaves, in English: a request in Vietnamese leaves it active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
