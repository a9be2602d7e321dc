"""Helpers for tests that start other processes against the test database."""

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")


def database_url() -> str:
    """DATABASE_URL of the test database, for a child process."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{s['NAME']}"


def child_env(*, index: Path, settings: str = "sonla_kb.settings.dev", **extra: str) -> dict:
    """The environment of a child process: the test database, this test's index folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DEBUG="0",
        DATABASE_URL=database_url(),
        SEARCH_INDEX_DIR=str(index),
        PYTHONPATH=str(ROOT),
        # The test's own page cache, so that what the test changes reaches the child's pages.
        CACHE_DIR=str(django_settings.CACHES["default"]["LOCATION"]),
        # As in the test settings: the machine's load must not cut a child's searches short.
        SEARCH_TIME_BUDGET=str(django_settings.SEARCH_TIME_BUDGET),
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def production_env(**extra: str) -> dict:
    """Production settings that pass every check: a long random key and a host name."""
    env = {k: v for k, v in os.environ.items() if k not in ("HTTPS", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kb.example.org",
        PYTHONPATH=str(ROOT),
        SEARCH_TIME_BUDGET=str(django_settings.SEARCH_TIME_BUDGET),
    )
    env.update(extra)
    return env
