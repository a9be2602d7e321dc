"""The index's locks die with their holder, and a busy rebuild lock says who holds it."""

import multiprocessing
import os
import signal
import time

import pytest

from sonla_kb import search
from sonla_kb.search.backends.whoosh import storage

FORK = multiprocessing.get_context("fork")


def _hold_then_fork(root, pids) -> None:
    """Take the rebuild lock, fork a child that lives on, and wait to be killed."""
    with storage.rebuild_lock(root) as held:
        assert held
        child = FORK.Process(target=time.sleep, args=(600,), daemon=False)
        child.start()
        pids.put(child.pid)
        time.sleep(600)


def _reap(process, *, timeout: float = 30) -> None:
    """Wait for a killed process by its pid: join() would wait for the child it forked too,
    which inherited the pipe that tells multiprocessing the process has ended."""
    deadline = time.monotonic() + timeout
    while process.exitcode is None:
        assert time.monotonic() < deadline, "the killed holder did not end"
        time.sleep(0.01)
    assert process.exitcode == -signal.SIGKILL


def test_a_lock_dies_with_its_holder_even_when_a_child_of_it_lives_on(tmp_path):
    pids = FORK.Queue()
    holder = FORK.Process(target=_hold_then_fork, args=(tmp_path, pids))
    holder.start()
    child = pids.get(timeout=60)
    try:
        with storage.rebuild_lock(tmp_path) as held:
            assert not held  # the holder holds it
        os.kill(holder.pid, signal.SIGKILL)
        _reap(holder)
        os.kill(child, 0)  # the child forked under the lock still runs
        with storage.rebuild_lock(tmp_path, timeout=10) as held:
            assert held  # taken over all the same
    finally:
        os.kill(child, signal.SIGKILL)


@pytest.mark.django_db
def test_a_rebuild_refused_for_a_running_one_names_its_process(tmp_path):
    with storage.rebuild_lock(tmp_path) as held:
        assert held
        with pytest.raises(search.IndexUnavailable, match=rf"\(process {os.getpid()}\)$"):
            search.rebuild(root=tmp_path)


def test_a_lock_file_names_the_last_process_that_took_it(tmp_path):
    assert storage.lock_holder(tmp_path / "writer.lock") is None
    with storage.writer_lock(tmp_path, timeout=0) as held:
        assert held
        assert storage.lock_holder(tmp_path / "writer.lock") == os.getpid()
