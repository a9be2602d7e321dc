"""Progress of long work: a bar on a terminal, a plain line every few seconds in a log.

    with progress(total=len(rows), label="Importing") as bar:
        for row in rows:
            ...
            bar.update(1)

On a terminal (the stream's ``isatty()``) it is a tqdm bar with the count, the rate
and the time left, redrawn in place. Anywhere else (a log file, CI, a pipe) it writes
one plain line every `interval` seconds and a last one when closed, so a log is neither
flooded nor silent. `total` may be None when the amount is not known in advance; the
count and rate are shown then, without a percentage or time left.

A function that does long work takes a `ProgressFactory` (default `quiet`) and calls it
with `total=` and `label=` once it knows them; a command passes
`reporter(stream=..., verbosity=...)`.
"""

import os
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from tqdm import tqdm

DEFAULT_INTERVAL = 5.0


class Progress(Protocol):
    """What long work calls: `update(n)` after n more items, `close()` when done."""

    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...

    def __enter__(self) -> "Progress": ...

    def __exit__(self, *exc: object) -> Any: ...


ProgressFactory = Callable[..., Progress]  # called as factory(total=..., label=...)


class _Bar(tqdm):
    # No monitor thread: these processes fork indexing processes, better without extra threads.
    monitor_interval = 0


class LogLines:
    """Plain progress lines, one every `interval` seconds and one at the end, for logs and CI."""

    def __init__(
        self,
        *,
        total: int | None,
        label: str,
        stream: TextIO,
        unit: str = "records",
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total, self.label, self.stream, self.unit = total, label, stream, unit
        self.interval, self.clock = interval, clock
        self.count = 0
        self.started = clock()
        self.next_line = self.started + interval
        self.closed = False

    def update(self, n: int = 1) -> None:
        """Count n more items; write a line if `interval` has passed since the last one."""
        self.count += n
        now = self.clock()
        if now >= self.next_line:
            self._write(self._progress_line(now - self.started))
            self.next_line = now + self.interval

    def close(self) -> None:
        """Write the last line: how many, in how long, at what rate (once)."""
        if self.closed:
            return
        self.closed = True
        elapsed = self.clock() - self.started
        rate = f" ({self.count / elapsed:,.0f} {self.unit}/s)" if elapsed > 0 else ""
        done = f"{self.count:,}" if self.total is None else f"{self.count:,}/{self.total:,}"
        self._write(f"{self.label}: {done} {self.unit} in {_duration(elapsed)}{rate}")

    def __enter__(self) -> "LogLines":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _progress_line(self, elapsed: float) -> str:
        rate = self.count / elapsed if elapsed > 0 else 0.0
        if self.total is None:
            return f"{self.label}: {self.count:,} {self.unit}, {rate:,.0f} {self.unit}/s"
        share = self.count / self.total if self.total else 1.0
        line = f"{self.label}: {self.count:,}/{self.total:,} {self.unit} ({share:.0%})"
        line += f", {rate:,.0f} {self.unit}/s"
        if rate > 0 and self.count < self.total:
            line += f", about {_duration((self.total - self.count) / rate)} left"
        return line

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


class _Quiet:
    """Shows nothing: the default of functions that do long work."""

    def update(self, n: int = 1) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""

    def __enter__(self) -> "_Quiet":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def progress(
    *,
    total: int | None,
    label: str,
    stream: TextIO | None = None,
    unit: str = "records",
    interval: float = DEFAULT_INTERVAL,
) -> Progress:
    """A progress display for `total` items: a bar on a terminal, plain lines otherwise."""
    # Django's OutputWrapper ends every write with a newline, which breaks a bar redrawn
    # with \r: talk to the stream it wraps.
    stream = getattr(stream, "_out", stream) or sys.stderr
    if _is_terminal(stream):
        # A terminal that reports no size (a pty nobody sized) would get no bar at all.
        size = {"dynamic_ncols": True} if _sized(stream) else {"ncols": 80, "nrows": 24}
        return _Bar(
            total=total,
            desc=label,
            unit=f" {unit}",
            file=stream,
            mininterval=0.5,
            smoothing=0.1,
            **size,
        )
    return LogLines(total=total, label=label, stream=stream, unit=unit, interval=interval)


def quiet(*, total: int | None, label: str, **options: object) -> Progress:
    """A progress that shows nothing."""
    return _Quiet()


def reporter(*, stream: TextIO | None = None, verbosity: int = 1) -> ProgressFactory:
    """The progress factory of a command: `progress` on its stream, or `quiet` at verbosity 0."""
    if verbosity < 1:
        return quiet

    def start(*, total: int | None, label: str, **options: Any) -> Progress:
        return progress(total=total, label=label, stream=stream, **options)

    return start


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _sized(stream: TextIO) -> bool:
    try:
        return min(os.get_terminal_size(stream.fileno())) > 0
    except (AttributeError, ValueError, OSError):  # not a real file: a test's fake terminal
        return False


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"
