"""The search engines behind one contract (sonla_kb/search/__init__.py); SEARCH_BACKEND picks one.

Each backend package exposes the same functions: ``search``, ``suggest``, ``related_records``,
``rebuild``, ``check``, ``catch_up``, ``index_absent``, ``index_state``, ``record_changes`` and
``record_gathered`` (many models' changes at once).
Only a backend imports its engine; everything else goes through ``current()``.
"""

from importlib import import_module
from types import ModuleType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

NAMES = ("whoosh", "postgres")


def current() -> ModuleType:
    """The package of the backend the SEARCH_BACKEND setting names."""
    name = getattr(settings, "SEARCH_BACKEND", "whoosh")
    if name not in NAMES:
        raise ImproperlyConfigured(f"SEARCH_BACKEND is {name!r}; it must be one of {NAMES}")
    if name == "postgres" and connection.vendor != "postgresql":
        raise ImproperlyConfigured("SEARCH_BACKEND=postgres needs a PostgreSQL DATABASE_URL")
    return import_module(f"{__name__}.{name}")
