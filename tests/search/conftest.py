"""Fixtures for search tests: an empty index in tmp_path, and index-following writes."""

import pytest

from sonla_kb import search
from sonla_kb.search import searcher


@pytest.fixture
def index(db, settings, tmp_path):
    """A freshly built index of whatever the test database holds, in its own folder."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    searcher.forget()
    search.rebuild()
    yield settings.SEARCH_INDEX_DIR
    searcher.forget()


@pytest.fixture
def live(index, django_capture_on_commit_callbacks):
    """Run writes as a request would: the index follows when the transaction commits."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def find(q: str = "", **params) -> dict:
    """The search answer, as /api/search/ computes it."""
    data = {"q": q, **{name: str(value) for name, value in params.items()}}
    return search.search(search.parse_params(data))


def keys(answer: dict) -> list[str]:
    """The keys of the results, in order."""
    return [r["key"] for r in answer["results"]]
