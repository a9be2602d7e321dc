"""`kill -9` of `rebuild_index` alone (not its process group): its indexing processes die too.

test_rebuild_killed.py kills the whole process group, as a terminal's Ctrl-C would. An
out-of-memory killer or an operator's `kill -9 PID` kills only the parent: its
indexing processes must not stay behind, waiting for work for ever and holding what
the parent held, and the next rebuild (or `check_index --repair`) must succeed and
clear what the killed one left half-written.
"""

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from sonla_kb import search
from sonla_kb.search.backends.whoosh import storage
from tests.factories import PolicyFactory

from .conftest import find
from .helpers import MANAGE, PYTHON, ROOT, child_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]
RECORDS = 30
PROCS = 2
STALL_AFTER = 5  # with jobs of 2 documents, both indexing processes have started by then


@pytest.fixture
def records(index):
    with transaction.atomic():  # one commit: the rebuild below indexes them
        PolicyFactory.create_batch(RECORDS, body="Coffee policy text for the rebuild test.")
    search.rebuild()
    return index


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, or None when there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1]), int(fields[19])


def _children(pid: int) -> dict[int, int]:
    """The child processes of `pid`, each with its start time (to tell a reused pid)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[1] == pid:
                found[int(entry.name)] = stat[2]
    return found


def _alive(processes: dict[int, int]) -> list[int]:
    """Those of the processes that still run (a zombie has ended: it only awaits its reaper)."""
    alive = []
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat and stat[2] == started and stat[0] not in ("Z", "X"):
            alive.append(pid)
    return alive


def _wait(condition, *, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _kill_parent_mid_rebuild(index: Path, marker: Path, *options: str) -> dict[int, int]:
    """Start a rebuild with indexing processes, SIGKILL only the parent halfway; its children."""
    rebuild = subprocess.Popen(
        [
            PYTHON,
            str(Path(__file__).with_name("stalled_rebuild.py")),
            str(marker),
            *("--procs", str(PROCS), "--job-size", "2", "--stall-after", str(STALL_AFTER)),
            *options,
        ],
        env=child_env(index=index),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a group of its own, only to clean up if the test fails
    )

    def halfway() -> bool:
        bound = list(marker.parent.glob(f"{marker.name}.*"))  # one per bound child
        return rebuild.poll() is None and marker.exists() and len(bound) == PROCS

    try:
        _wait(
            halfway,
            what=f"the rebuild never got halfway: {rebuild.poll()}",
        )
        children = _children(rebuild.pid)
        assert len(children) == PROCS
        os.kill(rebuild.pid, signal.SIGKILL)  # the parent alone
        rebuild.wait(timeout=30)
        _wait(lambda: not _alive(children), what=f"indexing processes left: {_alive(children)}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(rebuild.pid, signal.SIGKILL)  # whatever is left, if the test failed
        rebuild.stderr.close()
    assert rebuild.returncode == -signal.SIGKILL
    return children


def _rebuild_index(index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, MANAGE, "rebuild_index"],
        env=child_env(index=index),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "options",
    [
        pytest.param((), id="prctl-and-sentinel"),
        pytest.param(
            ("--no-sentinel",),
            id="prctl-alone",
            marks=pytest.mark.skipif(
                not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's"
            ),
        ),
        pytest.param(("--no-prctl",), id="sentinel-alone"),
    ],
)
def test_killing_only_the_parent_leaves_no_child_and_the_next_rebuild_succeeds(
    records, tmp_path, options
):
    before = storage.current_generation(records)
    _kill_parent_mid_rebuild(records, tmp_path / "halfway", *options)

    (left_over,) = set(records.glob("gen-*")) - {before}
    assert storage.unfinished_generations(records) == [left_over]
    assert find("coffee")["total"] == RECORDS  # the old generation still serves

    done = _rebuild_index(records)
    assert done.returncode == 0, done.stderr
    assert f"Indexed {RECORDS} records" in done.stdout
    assert not left_over.exists()
    assert storage.unfinished_generations(records) == []
    assert storage.current_generation(records) != before
    assert search.check(repair=False).clean


def test_check_index_repair_removes_what_a_killed_rebuild_left(records, tmp_path):
    before = storage.current_generation(records)
    _kill_parent_mid_rebuild(records, tmp_path / "halfway")
    (left_over,) = set(records.glob("gen-*")) - {before}

    out = io.StringIO()
    call_command("check_index", stdout=out, stderr=io.StringIO())
    assert f"Unfinished generation(s) of a killed rebuild left: {left_over.name}" in out.getvalue()
    assert left_over.exists()

    out = io.StringIO()
    call_command("check_index", "--repair", stdout=out, stderr=io.StringIO())
    assert f"killed rebuild removed: {left_over.name}" in out.getvalue()
    assert "The index agrees with the database." in out.getvalue()
    assert not left_over.exists()
    assert storage.current_generation(records) == before
    assert _rebuild_index(records).returncode == 0
