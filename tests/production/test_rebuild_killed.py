"""`rebuild_index` killed halfway: the old index still serves, and the next rebuild succeeds.

tests/search/test_rebuild.py interrupts a rebuild inside the test process; here a real
`manage.py rebuild_index` is killed with SIGKILL, locks and half-written files and all.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import transaction

from sonla_kb import search
from sonla_kb.search.backends.whoosh import storage
from tests.factories import PolicyFactory

from .conftest import find, keys
from .helpers import MANAGE, PYTHON, ROOT, child_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
RECORDS = 30


@pytest.fixture
def records(index):
    with transaction.atomic():  # one commit: the rebuild below indexes them
        PolicyFactory.create_batch(RECORDS, body="Coffee policy text for the rebuild test.")
    search.rebuild()
    return index


def _wait_for(path: Path, process: subprocess.Popen, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the rebuild never got halfway"
        time.sleep(0.05)


def test_rebuild_killed_halfway_leaves_the_old_index_serving(records, tmp_path, live):
    before = storage.current_generation(records)
    marker = tmp_path / "halfway"
    rebuild = subprocess.Popen(
        [PYTHON, str(Path(__file__).with_name("stalled_rebuild.py")), str(marker)],
        env=child_env(index=records),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its indexing processes, if any, are killed with it
    )
    try:
        _wait_for(marker, rebuild)
    finally:
        os.killpg(rebuild.pid, signal.SIGKILL)
        rebuild.wait(timeout=30)
    assert rebuild.returncode == -signal.SIGKILL

    # The old generation serves, and a half-written one lies beside it.
    assert storage.current_generation(records) == before
    (left_over,) = set(records.glob("gen-*")) - {before}
    answer = find("coffee")
    assert answer["notice"] is None
    assert answer["total"] == RECORDS
    # Its locks died with it: edits still reach the index.
    live(PolicyFactory, key="after-the-kill", title="Written after the kill")
    assert keys(find("kill")) == ["after-the-kill"]

    done = subprocess.run(
        [PYTHON, MANAGE, "rebuild_index"],
        env=child_env(index=records),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Indexed {RECORDS + 1} records" in done.stdout
    assert storage.current_generation(records) not in (before, left_over)
    assert not left_over.exists()
    assert find("coffee")["total"] == RECORDS
    assert keys(find("kill")) == ["after-the-kill"]
    assert search.check(repair=False).clean
