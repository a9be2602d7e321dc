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
import queue
import signal
import sys
import threading

from whoosh.multiproc import MpWriter, SubWriterTask

from ...contract import IndexUnavailable
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
    """Whoosh's indexing process, bound to its parent, writing a segment whenever its
    postings reach the writer's memory limit (KbSegmentWriter.full), and handing all
    its segments back: Whoosh's writes one segment, however many records it is given."""

    def run(self) -> None:
        die_with_parent()
        ix = self.storage.open_index(self.indexname)
        self.writer = KbSegmentWriter(ix, _lk=False, **self.kwargs)
        segments = []
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
            if self.writer.full():
                segments.append(self.writer._finalize_segment())
                self.writer = KbSegmentWriter(ix, _lk=False, **self.kwargs)
        if not self.running:
            self.writer.cancel()
            return
        if self.writer.doc_count():
            segments.append(self.writer._finalize_segment())
        else:
            self.writer._close_segment()
        self.resultqueue.put(segments, timeout=5)


class ParentBoundWriter(MpWriter):
    """Whoosh's multiprocess writer, each of whose indexing processes dies with the
    process using it and writes as many segments as its memory limit needs."""

    def __init__(self, ix, *, procs: int, **kwargs) -> None:
        super().__init__(ix, procs=procs, batchsize=JOB_SIZE, multisegment=True, **kwargs)

    def _new_task(self) -> SubWriterTask:
        # Whoosh's own _new_task, with the task class above.
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

    def _commit(self, mergetype, optimize, merge):
        # Whoosh's multisegment commit, with each process's list of segments. A process
        # that ends without handing its segments back fails the commit: Whoosh's would
        # go on without them (writer.rebuild checks the records written, too).
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        segments = self._merge_segments(mergetype, optimize, merge)
        handed = []
        while len(handed) < len(self.tasks):
            try:
                handed.append(self.resultqueue.get(timeout=1))
            except queue.Empty:
                ended = [t for t in self.tasks if not t.is_alive() and t.exitcode]
                if ended:
                    raise IndexUnavailable(
                        f"an indexing process ended with status {ended[0].exitcode};"
                        " the current index stays"
                    ) from None
        for task in self.tasks:
            task.join()
        segments += [segment for found in handed for segment in found]
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()
