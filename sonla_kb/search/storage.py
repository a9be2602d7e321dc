"""Where the index lives on disk: generations, the CURRENT pointer, cursors and locks.

SEARCH_INDEX_DIR/
  CURRENT          name of the generation searches use (replaced atomically)
  gen-<stamp>/     one complete Whoosh index, and its ``cursor`` file: the last
                   change-log id it holds
  writer.lock      held by whoever writes to the current generation
  rebuild.lock     held by a rebuild
"""

import contextlib
import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

CURRENT = "CURRENT"
CURSOR = "cursor"


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search answers from the database."""


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
    removed = []
    for path in root.glob("gen-*"):
        if path.is_dir() and path != current:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


@contextlib.contextmanager
def file_lock(path: Path, *, timeout: float) -> Iterator[bool]:
    """Hold an exclusive lock on a file, waiting at most `timeout` seconds; yields whether held.

    flock locks belong to the open file, so they exclude other threads and other
    processes alike, and the system releases them if the process dies.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    deadline = time.monotonic() + timeout
    held = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
        yield held
    finally:
        if held:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def writer_lock(root: Path, *, timeout: float) -> contextlib.AbstractContextManager[bool]:
    """The lock that makes one writer at a time for the current generation."""
    return file_lock(root / "writer.lock", timeout=timeout)


def rebuild_lock(root: Path, *, timeout: float = 0) -> contextlib.AbstractContextManager[bool]:
    """The lock that makes one rebuild at a time."""
    return file_lock(root / "rebuild.lock", timeout=timeout)
