"""The version of the code that renders pages: a page outlives neither a deploy nor a restart
onto changed templates, code or translations."""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

from .project import project_app_configs

SUFFIXES = (".py", ".html", ".txt", ".xml", ".mo", ".json")


def _project_folders() -> list[Path]:
    folders = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    folders += [Path(p) for p in settings.LOCALE_PATHS]
    folders += [Path(c.path) for c in project_app_configs()]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # hashed names of static files
    return [*folders, manifest]


@functools.cache
def code_version() -> str:
    """A token of the project's templates, code, catalogues and static manifest (once a process)."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in _project_folders():
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            if path.suffix in SUFFIXES and path.is_file():
                stat = os.stat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
