"""The extraction worker's loop: take pending files one by one, wait when there are none.

Stopped by SIGTERM or SIGINT at any moment: the file in hand is given back (its
extraction child is killed) and the worker exits. Started beside a server
(`alongside`), it also stops when that parent goes, even if the parent was killed.
"""

import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable

from django.db import close_old_connections

from ..progress import Progress, ProgressFactory, quiet
from . import queue

log = logging.getLogger(__name__)


class Stop(BaseException):
    """The worker was told to stop (a signal)."""


def _stop(signum, frame) -> None:
    # Once is enough: the release that follows must not be cut short by a second signal.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)
    raise Stop(signal.Signals(signum).name)


def die_with_parent(parent: int) -> None:
    """Linux: get SIGTERM when the parent dies (even by SIGKILL); the loop also checks."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        raise Stop("parent gone")


def run(
    *,
    once: bool = False,
    poll: float = 1.0,
    parent: int | None = None,
    report: Callable[[queue.Processed], None] | None = None,
    progress: ProgressFactory = quiet,
) -> int:
    """Process pending files until stopped (or, with once, until none is left); how many.

    Each run of work, from the first waiting file to the queue being empty again, shows
    its progress (files done, rate, time left) through `progress`.
    """
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _stop)
    count = 0
    bar: Progress | None = None
    try:
        if parent is not None:
            die_with_parent(parent)
        while parent is None or os.getppid() == parent:
            processed = queue.work_one()
            if processed is not None:
                count += 1
                if bar is None:  # this file, and those still waiting behind it
                    total = queue.waiting_count() + 1
                    bar = progress(total=total, label="Extracting text", unit="files")
                bar.update(1)
                log.info("Extraction: %s", queue.describe(processed))
                if report is not None:
                    report(processed)
                continue
            if bar is not None:
                bar.close()
                bar = None
            if once:
                break
            close_old_connections()  # a long-lived process: drop a connection the server closed
            time.sleep(poll)
    except Stop as stop:
        log.info("Extraction worker stopping (%s); %d files done", stop, count)
    finally:
        if bar is not None:
            bar.close()
    return count
