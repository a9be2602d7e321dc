"""Several processes edit and search at once: no error, and every edit is in the database and index.

.ci/run runs the suite on SQLite (WAL, busy timeout) and again on PostgreSQL, so this
covers both. tests/search/test_concurrency.py covers writers alone.
"""

import multiprocessing
import time

import pytest
from django.db import connections

from policies.models import PolicyMeasure
from sonla_kb import search

from .conftest import find

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
EDITORS = 3
SEARCHERS = 2
EACH = 4


def _fresh_connections() -> None:
    for alias in connections:  # never touch the parent's connection from the child
        connections[alias].connection = None


def _editor(number: int, failures) -> None:
    """Create records, rename each, delete one, searching between writes as staff would."""
    _fresh_connections()
    from django.test import Client

    from tests.factories import PolicyFactory

    client = Client()
    try:
        for i in range(EACH):
            policy = PolicyFactory(key=f"e{number}-{i}", title=f"Editor{number} draft {i}")
            policy.title = f"Editor{number} final {i}"
            policy.save()
            policy.tags.set([f"Desk {number}"])
            response = client.get("/api/search/", {"q": f"editor{number}"})
            if response.status_code != 200:
                failures.append(f"editor {number}: search answered {response.status_code}")
        PolicyMeasure.objects.get(key=f"e{number}-0").delete()
    except Exception as exc:  # pragma: no cover - the failure this test looks for
        failures.append(f"editor {number}: {type(exc).__name__}: {exc}")
    finally:
        connections.close_all()


def _searcher(number: int, stop, failures, answered) -> None:
    """Search as researchers do, through the API and the page, until the editors are done."""
    _fresh_connections()
    from django.test import Client

    client = Client()
    try:
        while not stop.is_set():
            for url, q in (
                ("/api/search/", "final"),
                ("/search/", "draft"),
                ("/api/suggest/", "ed"),
            ):
                response = client.get(url, {"q": q})
                if response.status_code != 200:
                    failures.append(f"searcher {number}: {url} answered {response.status_code}")
                elif url == "/api/search/" and response.json()["notice"]:
                    failures.append(f"searcher {number}: {response.json()['notice']}")
                answered.value += 1
            time.sleep(0.01)  # leave the editors some of the two cores
    except Exception as exc:  # pragma: no cover - the failure this test looks for
        failures.append(f"searcher {number}: {type(exc).__name__}: {exc}")
    finally:
        connections.close_all()


def test_editing_and_searching_in_several_processes(index):
    context = multiprocessing.get_context("fork")
    manager = context.Manager()
    failures, stop = manager.list(), manager.Event()
    answered = manager.Value("i", 0)
    searchers = [
        context.Process(target=_searcher, args=(n, stop, failures, answered))
        for n in range(SEARCHERS)
    ]
    editors = [context.Process(target=_editor, args=(n, failures)) for n in range(EDITORS)]
    for p in searchers + editors:
        p.start()
    for p in editors:
        p.join(timeout=120)
    stop.set()
    for p in searchers:
        p.join(timeout=60)
    assert [p.exitcode for p in searchers + editors] == [0] * (SEARCHERS + EDITORS)
    assert list(failures) == []
    assert answered.value > 0
    manager.shutdown()

    expected = {f"e{n}-{i}" for n in range(EDITORS) for i in range(1, EACH)}
    assert set(PolicyMeasure.objects.values_list("key", flat=True)) == expected
    assert {r["key"] for r in find("final", per_page=100)["results"]} == expected
    assert find("draft")["total"] == 0
    for n in range(EDITORS):
        assert find("", tag=f"Desk {n}")["total"] == EACH - 1
    assert search.check(repair=False).clean
