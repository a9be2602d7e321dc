"""Indexing processes that die with the process that started them.

Whoosh's multiprocess writer starts its indexing processes with multiprocessing, and
they wait on a job queue for ever: if the parent is killed (SIGKILL, the out-of-memory
killer) they would stay, holding the half-written generation and anything the parent
had open. So each one, first thing, makes sure it ends with its parent, two ways:

- on Linux it asks the kernel to send it SIGKILL when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``, through ctypes: no dependency);
- everywhere, a thread waits on multiprocessing's parent sentinel, a pipe whose other
  end only the parent holds, which reads end-of-file once the parent is gone (this
  also covers a parent that died before the child got to ask the kernel).
"""

import ctypes
import multiprocessing
import os
import signal
import sys
import threading

from whoosh import multiproc as whoosh_multiproc
from whoosh.multiproc import MpWriter, SubWriterTask

from .segments import KbSegmentWriter

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
ORPHANED_EXIT = 70  # the exit status of a child that ended because its parent had

# Documents per job file handed to an indexing process (Whoosh's default).
JOB_SIZE = 100


def kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_parent() -> threading.Thread | None:
    """Start a thread that ends this process when its multiprocessing parent is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return None

    def wait_then_exit() -> None:
        parent.join()  # returns when the sentinel pipe reads end-of-file
        os._exit(ORPHANED_EXIT)

    thread = threading.Thread(target=wait_then_exit, name="watch-parent", daemon=True)
    thread.start()
    return thread


def die_with_parent() -> None:
    """In a child process: make sure it ends when its parent does, however the parent ends."""
    kill_me_with_parent()
    watch_parent()


class _ParentBoundTask(SubWriterTask):
    def run(self) -> None:
        die_with_parent()
        # Whoosh's task makes its writer with the SegmentWriter its module names: in this
        # (forked) process only, that is the project's writer (segments.py).
        whoosh_multiproc.SegmentWriter = KbSegmentWriter
        super().run()


class ParentBoundWriter(MpWriter):
    """Whoosh's multiprocess writer, whose indexing processes die with the process using it."""

    def __init__(self, ix, *, procs: int, **kwargs) -> None:
        super().__init__(ix, procs=procs, batchsize=JOB_SIZE, **kwargs)

    def _new_task(self) -> SubWriterTask:
        # Whoosh's own _new_task, with the task class that binds itself to this process.
        task = _ParentBoundTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task
