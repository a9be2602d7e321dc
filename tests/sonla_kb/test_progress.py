"""Progress of long work: a redrawn bar on a terminal, plain lines every few seconds elsewhere."""

import io
import re

from django.core.management.base import OutputWrapper

from sonla_kb.progress import LogLines, progress, quiet, reporter

from .terminal import Terminal


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_a_bar_redrawn_in_place_with_count_and_rate():
    screen = Terminal()
    with progress(total=200, label="Indexing", stream=screen) as bar:
        for _ in range(200):
            bar.update(1)
    shown = screen.getvalue()
    assert shown.startswith("\rIndexing:")
    assert "\r" in shown.rstrip("\n")[1:]  # redrawn, not one line per update
    assert shown.count("\n") == 1  # the finished bar stays on the screen
    last = shown.rsplit("\r", 1)[1]
    assert "100%" in last
    assert "200/200" in last
    assert re.search(r"[\d.]+ records/s", last)
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d", last)  # time spent < time left


def test_a_terminal_behind_django_command_output_still_gets_one_bar():
    screen = Terminal()
    with progress(total=3, label="Importing", stream=OutputWrapper(screen)) as bar:
        bar.update(3)
    assert screen.getvalue().count("\n") == 1


def test_a_log_gets_a_plain_line_every_interval_and_one_at_the_end():
    log, clock = io.StringIO(), Clock()
    with LogLines(total=1000, label="Indexing", stream=log, interval=5, clock=clock) as lines:
        for _ in range(10):
            clock.now += 1
            lines.update(50)
    assert log.getvalue().splitlines() == [
        "Indexing: 250/1,000 records (25%), 50 records/s, about 15s left",
        "Indexing: 500/1,000 records (50%), 50 records/s, about 10s left",
        "Indexing: 500/1,000 records in 10s (50 records/s)",
    ]
    assert "\r" not in log.getvalue()


def test_a_log_line_without_a_total_shows_the_count_and_rate():
    log, clock = io.StringIO(), Clock()
    lines = LogLines(total=None, label="Extracting", stream=log, unit="files", clock=clock)
    clock.now += 125
    lines.update(250)
    lines.close()
    lines.close()  # closing twice writes the last line once
    assert log.getvalue().splitlines() == [
        "Extracting: 250 files, 2 files/s",
        "Extracting: 250 files in 2m 05s (2 files/s)",
    ]


def test_work_shorter_than_the_interval_writes_only_the_last_line():
    log = io.StringIO()
    with progress(total=3, label="Checking", stream=log) as bar:
        bar.update(3)
    (line,) = log.getvalue().splitlines()
    assert line.startswith("Checking: 3/3 records in 0s")


def test_verbosity_zero_shows_nothing():
    log = Terminal()
    with reporter(stream=log, verbosity=0)(total=5, label="Indexing") as bar:
        bar.update(5)
    with quiet(total=5, label="Indexing") as bar:
        bar.update(5)
    assert log.getvalue() == ""


def test_a_command_reporter_writes_to_its_stream():
    log = io.StringIO()
    with reporter(stream=log, verbosity=1)(total=2, label="Importing") as bar:
        bar.update(2)
    assert log.getvalue().startswith("Importing: 2/2 records in")
