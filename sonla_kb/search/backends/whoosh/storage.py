"""Where the index lives on disk: generations, the CURRENT pointer, cursors and locks.

SEARCH_INDEX_DIR/
  CURRENT          name of the generation searches use (replaced atomically)
  gen-<stamp>/     one complete Whoosh index, and its ``cursor`` file: the last
                   change-log id it holds (a generation without one is unfinished:
                   a rebuild is writing it, or was killed while writing it)
  writer.lock      held by whoever writes to the current generation
  rebuild.lock     held by a rebuild; it holds the pid of the last process that took it

The locks are flock locks: the system releases them when the process holding them
dies, so a lock is never left held by a dead process. A forked child would share its
parent's lock (flock belongs to the open file, which a fork shares), so children close
their copy at once: the lock is released when its holder dies, whatever its children do.
"""

import contextlib
import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings

from ...contract import IndexUnavailable

CURRENT = "CURRENT"
CURSOR = "cursor"
REBUILD_LOCK = "rebuild.lock"


def index_root() -> Path:
    """The folder that holds every generation of the index."""
    return Path(settings.SEARCH_INDEX_DIR)


def current_generation(root: Path) -> Path | None:
    """The folder of the generation in use, or None when there is no index yet."""
    try:
        name = (root / CURRENT).read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not name.startswith("gen-") or "/" in name:
        raise IndexUnavailable(f"{root / CURRENT} does not name a generation")
    return root / name


def index_absent(root: Path | None = None) -> bool:
    """True on a fresh install: no index has been built in this folder yet."""
    return not ((root or index_root()) / CURRENT).exists()


def new_generation(root: Path) -> Path:
    """A fresh, empty folder for a new generation."""
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    path = root / name
    path.mkdir(parents=True)
    return path


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def switch_to(root: Path, generation: Path) -> None:
    """Make searches use this generation from now on (an atomic rename)."""
    _write_atomically(root / CURRENT, generation.name + "\n")


def read_cursor(generation: Path) -> int:
    """The last change-log id this generation holds (0 when unknown)."""
    try:
        return int((generation / CURSOR).read_text().strip() or 0)
    except FileNotFoundError:
        return 0
    except ValueError:
        raise IndexUnavailable(f"{generation / CURSOR} is damaged") from None


def write_cursor(generation: Path, value: int) -> None:
    """Record, after a commit, the last change-log id this generation holds."""
    _write_atomically(generation / CURSOR, f"{value}\n")


def remove_stale_generations(root: Path) -> list[str]:
    """Delete every generation but the current one (left by old or interrupted rebuilds)."""
    current = current_generation(root)
    return _remove(p for p in root.glob("gen-*") if p.is_dir() and p != current)


def unfinished_generations(root: Path) -> list[Path]:
    """Generations without a cursor: being written, or left by a rebuild that was killed."""
    current = current_generation(root)
    return sorted(
        p for p in root.glob("gen-*") if p.is_dir() and p != current and not (p / CURSOR).exists()
    )


def remove_unfinished_generations(root: Path) -> list[str]:
    """Delete what killed rebuilds left, unless a rebuild is running (it owns what it writes)."""
    with rebuild_lock(root) as held:
        return _remove(unfinished_generations(root)) if held else []


def _remove(paths: Iterable[Path]) -> list[str]:
    removed = []
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    return sorted(removed)


# The descriptors of the locks this process holds, closed in a forked child.
_held_locks: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _held_locks:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


@contextlib.contextmanager
def file_lock(path: Path, *, timeout: float) -> Iterator[bool]:
    """Hold an exclusive lock on a file, waiting at most `timeout` seconds; yields whether held.

    flock locks belong to the open file, so they exclude other threads and other
    processes alike, and the system releases them if the process dies.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    owner = os.getpid()
    deadline = time.monotonic() + timeout
    held = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                _held_locks.add(fd)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
        if held:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{owner}\n".encode(), 0)
        yield held
    finally:
        # A forked child that comes back here closed its copy already; fd may be another file.
        if os.getpid() == owner:
            _held_locks.discard(fd)
            if held:
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def lock_holder(path: Path) -> int | None:
    """The pid written in a lock file by the last process that took it, if any."""
    try:
        return int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def writer_lock(root: Path, *, timeout: float) -> contextlib.AbstractContextManager[bool]:
    """The lock that makes one writer at a time for the current generation."""
    return file_lock(root / "writer.lock", timeout=timeout)


def rebuild_lock(root: Path, *, timeout: float = 0) -> contextlib.AbstractContextManager[bool]:
    """The lock that makes one rebuild at a time."""
    return file_lock(root / REBUILD_LOCK, timeout=timeout)
