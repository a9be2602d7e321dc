"""Several worker processes write at once: nobody sees a LockError, no update is lost."""

import multiprocessing

import pytest
from django.db import connections

from policies.models import PolicyMeasure
from sonla_kb import search

from .conftest import find

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
WORKERS = 4
EACH = 8


def _worker(number: int) -> None:
    """One worker process: create records, edit some, change their themes."""
    for alias in connections:  # never touch the parent's connection from the child
        connections[alias].connection = None
    from tests.factories import PolicyFactory

    for i in range(EACH):
        policy = PolicyFactory(key=f"w{number}-{i}", title=f"Worker {number} measure {i}")
        if i % 2:
            policy.title = f"Worker {number} revised {i}"
            policy.save()
            policy.tags.set([f"Theme {number}"])
    connections.close_all()


def _run_workers() -> list[int]:
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_worker, args=(n,)) for n in range(WORKERS)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    return [p.exitcode for p in processes]


def _assert_everything_indexed():
    assert find("", type="policy", per_page=100)["total"] == WORKERS * EACH
    assert find("revised", per_page=100)["total"] == WORKERS * EACH // 2
    for n in range(WORKERS):
        assert find("", tag=f"Theme {n}")["total"] == EACH // 2
    assert search.check(repair=False).clean


@pytest.fixture
def empty_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    search.rebuild()


def test_writers_in_several_processes_lose_nothing(empty_index):
    assert _run_workers() == [0] * WORKERS
    assert PolicyMeasure.objects.count() == WORKERS * EACH
    _assert_everything_indexed()


def test_writers_that_cannot_wait_leave_their_changes_for_later(empty_index, settings):
    settings.SEARCH_WRITER_LOCK_TIMEOUT = 0.0
    assert _run_workers() == [0] * WORKERS
    search.catch_up(lock_timeout=5)
    _assert_everything_indexed()
