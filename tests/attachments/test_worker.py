"""The extraction worker as a real process: killed mid-file, stopped, and run beside a server.

Nothing is lost: a file whose worker was killed is taken again once its lease runs out,
and the child that was reading it dies with the worker.
"""

import os
import signal
import subprocess
import time
from collections.abc import Callable

import psutil
import pytest
from django.utils import timezone

from sonla_kb.attachments import services
from sonla_kb.attachments.models import Attachment
from tests.factories import StudyFactory
from tests.production.helpers import MANAGE, PYTHON, ROOT, child_env
from tests.search.conftest import find, keys

from .builders import slow_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
WAIT = 90.0


def wait_until(check: Callable[[], object], what: str) -> object:
    """Poll until check() is true (bounded), and return what it returned."""
    deadline = time.monotonic() + WAIT
    while not (value := check()):
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.2)
    return value


@pytest.fixture
def worker_env(index, settings):
    """The environment of a worker process: this test's database, index and media folders."""

    def env(**extra: str) -> dict:
        return child_env(index=index, MEDIA_ROOT=str(settings.MEDIA_ROOT), **extra)

    return env


@pytest.fixture
def slow_and_quick(index, report_pdf):
    """The study with two pending files: the slow PDF first, then a quick report."""
    study = StudyFactory(key="study")
    slow = services.attach_file(record=study, name="slow.pdf", data=slow_pdf(), extract=False)
    quick = services.attach_file(record=study, name="r.pdf", data=report_pdf, extract=False)
    return slow, quick


def start_worker(env: dict, log) -> subprocess.Popen:
    """`manage.py extract_files`, as make run and make serve start it."""
    return subprocess.Popen(
        [PYTHON, MANAGE, "extract_files", "--poll", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def reading(worker: subprocess.Popen, attachment: Attachment) -> list[psutil.Process]:
    """Wait until the worker holds the file and a child of it is reading it."""

    def busy():
        claimed = Attachment.objects.get(pk=attachment.pk).claim
        helpers = psutil.Process(worker.pid).children(recursive=True)
        # The fork server, and the child it forked to read the file.
        return helpers if claimed and len(helpers) >= 2 else None

    return wait_until(busy, "the worker reading the slow file")


def test_a_worker_killed_mid_file_loses_nothing(slow_and_quick, worker_env, tmp_path):
    slow, quick = slow_and_quick
    with open(tmp_path / "worker.log", "w") as log:
        worker = start_worker(worker_env(ATTACHMENT_LEASE_SECONDS="1"), log)
        helpers = reading(worker, slow)

        worker.kill()
        worker.wait()

    _, alive = psutil.wait_procs(helpers, timeout=30)
    assert alive == [], "the child reading the file outlived its worker"
    slow.refresh_from_db()
    assert (slow.status, slow.attempts) == ("pending", 1)
    assert bool(slow.claim)  # still held by the dead worker, until the lease runs out
    assert Attachment.objects.get(pk=quick.pk).status == "pending"

    wait_until(
        lambda: Attachment.objects.get(pk=slow.pk).claimed_until < timezone.now(),
        "the dead worker's lease to run out",
    )
    again = subprocess.run(
        [PYTHON, MANAGE, "extract_files", "--once"],
        env=worker_env(ATTACHMENT_EXTRACT_SECONDS="2"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )

    assert "Extracted 2 of 2 waiting files." in again.stdout
    assert "slow.pdf: Extraction failed: extraction took longer than 2 seconds" in again.stderr
    slow.refresh_from_db()
    assert (slow.status, slow.attempts, slow.claim) == ("failed", 2, "")
    assert slow.status_reason == "extraction took longer than 2 seconds"
    assert Attachment.objects.get(pk=quick.pk).status == "done"
    assert keys(find("replanting")) == ["study"]


def test_a_worker_told_to_stop_hands_back_the_file_it_was_reading(
    slow_and_quick, worker_env, tmp_path
):
    slow, _ = slow_and_quick
    with open(tmp_path / "worker.log", "w") as log:
        worker = start_worker(worker_env(), log)
        helpers = reading(worker, slow)

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0

    _, alive = psutil.wait_procs(helpers, timeout=30)
    assert alive == []
    slow.refresh_from_db()
    assert (slow.status, slow.claim, slow.claimed_until, slow.attempts) == ("pending", "", None, 0)
    assert (
        "Extraction worker stopping (SIGTERM); 0 files done"
        in (tmp_path / "worker.log").read_text()
    )


def test_the_worker_runs_beside_the_server_and_stops_with_it(
    index, worker_env, tmp_path, report_pdf
):
    attachment = services.attach_file(
        record=StudyFactory(key="study"), name="r.pdf", data=report_pdf, extract=False
    )
    server = [PYTHON, "-c", "import time; time.sleep(300)"]  # stands in for runserver
    with open(tmp_path / "alongside.log", "w") as log:
        launcher = subprocess.Popen(
            [PYTHON, "-m", "sonla_kb.attachments.alongside", *server],
            env=worker_env(),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(
            lambda: keys(find("replanting")) == ["study"],
            "the worker beside the server to read the file and the index to follow",
        )
        assert Attachment.objects.get(pk=attachment.pk).status == "done"
        (worker,) = [
            p for p in psutil.Process(launcher.pid).children() if "extract_files" in p.cmdline()
        ]

        launcher.kill()  # even killed outright, it takes the worker with it

        _, alive = psutil.wait_procs([worker], timeout=30)
        assert alive == []
    finally:
        os.killpg(launcher.pid, signal.SIGKILL)
        launcher.wait()


def test_stopping_the_launcher_stops_the_server_and_the_worker(index, worker_env, tmp_path):
    server = [PYTHON, "-c", "import time; time.sleep(300)"]
    with open(tmp_path / "alongside.log", "w") as log:
        launcher = subprocess.Popen(
            [PYTHON, "-m", "sonla_kb.attachments.alongside", *server],
            env=worker_env(),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def both_started():
        children = psutil.Process(launcher.pid).children()
        return children if len(children) == 2 else None

    children = wait_until(both_started, "the server and the worker to start")

    launcher.send_signal(signal.SIGTERM)

    assert launcher.wait(timeout=30) == 128 + signal.SIGTERM  # the server's, as a shell says
    _, alive = psutil.wait_procs(children, timeout=30)
    assert alive == []
