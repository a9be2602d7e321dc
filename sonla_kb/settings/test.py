"""Tests: fast hashing, and a throwaway index folder (each test points it at tmp_path)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SEARCH_INDEX_DIR = Path(tempfile.gettempdir()) / "sonla-kb-test-index"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "sonla-kb-test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A file, not memory, so that tests that start several processes share one test database;
# one per test run, so that runs side by side do not meet.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _test_db = Path(tempfile.gettempdir()) / f"sonla-kb-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}  # noqa: F405
# The page cache in files of this run (each test points it at its own tmp_path).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": Path(tempfile.gettempdir()) / f"sonla-kb-test-cache-{os.getpid()}",
    }
}
PAGE_CACHE = True
SEARCH_WRITER_LOCK_TIMEOUT = 10.0
# A loaded test machine must not cut searches short; the tests of the budget set their own.
SEARCH_TIME_BUDGET = 10.0
# A search that finds no index must not start a rebuild in the background of every test;
# tests of that recovery turn it on.
SEARCH_AUTO_REBUILD = False
