"""The index folder deleted or truncated while the server runs: searches answer, the index recovers.

tests/search/test_faults.py shows the database answering for a missing or damaged index;
here the index also repairs itself, in the background, with nobody running a command.
"""

import multiprocessing
import os
import shutil

import pytest
from django.conf import settings

from sonla_kb.search.backends.whoosh import recovery, searcher, storage
from tests.factories import FeedbackFactory, PolicyFactory

from .conftest import find, keys

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def running(settings, live):
    """A site with an index, searched once so that this process holds a searcher open."""
    settings.SEARCH_AUTO_REBUILD = True
    recovery.reset()

    def make():
        PolicyFactory(key="gi", title="Geographical indications", body="Coffee from Son La.")
        FeedbackFactory(key="fb-1", text="Coffee remark", published=False)

    live(make)
    assert find("coffee")["notice"] is None
    yield settings.SEARCH_INDEX_DIR
    recovery.reset()


def _recovered() -> None:
    """Wait for the background rebuild; then searches use the index again."""
    thread = recovery._thread
    assert thread is not None, "no rebuild was started"
    thread.join(timeout=60)
    answer = find("coffee")
    assert answer["notice"] is None
    assert keys(answer) == ["gi"]


def test_index_folder_deleted(client, running):
    shutil.rmtree(running)
    response = client.get("/api/search/", {"q": "coffee"})
    assert response.status_code == 200
    assert "database" in response.json()["notice"]
    assert [r["key"] for r in response.json()["results"]] == ["gi"]
    assert client.get("/api/suggest/", {"q": "geo"}).status_code == 200
    _recovered()


def _search_after_truncation(index, results) -> None:
    """In a child: truncate the segment files this process has mapped, then search again."""
    settings.SEARCH_AUTO_REBUILD = False  # the recovery is the parent's to watch
    for path in storage.current_generation(index).glob("*.seg"):
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 3)
    answer = find("coffee")
    results.extend([answer["notice"] or "", *keys(answer)])


def test_index_files_truncated_under_an_open_searcher(running):
    # Whoosh maps segment files into memory: reading a mapped file that shrank kills the
    # process with SIGBUS, so the search runs in a child, and must survive it.
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        results = manager.list()
        child = context.Process(target=_search_after_truncation, args=(running, results))
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 0
        notice, *found = results
    assert "database" in notice
    assert found == ["gi"]
    searcher.forget()  # this process mapped the files too: let it open them afresh
    answer = find("coffee")
    assert "database" in answer["notice"]
    assert keys(answer) == ["gi"]
    _recovered()


def test_one_rebuild_for_many_failing_searches(running, monkeypatch):
    calls = []
    real = recovery.rebuild_soon

    def counting():
        thread = real()
        calls.append(thread)
        return thread

    monkeypatch.setattr("sonla_kb.search.backends.whoosh.engine.recovery.rebuild_soon", counting)
    shutil.rmtree(running)
    for _ in range(5):
        assert keys(find("coffee")) == ["gi"]
    started = [thread for thread in calls if thread is not None]
    assert len(started) <= 1  # the first may already have finished the repair
    _recovered()


def test_a_failing_query_on_a_sound_index_rebuilds_nothing(running, monkeypatch):
    before = storage.current_generation(running)

    def broken(*args, **kwargs):
        raise RuntimeError("a query the engine cannot handle")

    monkeypatch.setattr("sonla_kb.search.backends.whoosh.engine._search_index", broken)
    assert "database" in find("coffee")["notice"]
    recovery._thread.join(timeout=60)
    assert storage.current_generation(running) == before


def test_another_process_rebuilding_is_left_to_finish(running):
    shutil.rmtree(running)
    with storage.rebuild_lock(running) as held:  # as if another worker were rebuilding
        assert held
        assert "database" in find("coffee")["notice"]
        recovery._thread.join(timeout=60)
    assert storage.current_generation(running) is None
    recovery.reset()
    assert "database" in find("coffee")["notice"]  # tried again once the lock is free
    _recovered()
