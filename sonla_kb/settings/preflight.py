"""Refuse to start production, with one clear line, when a required setting is missing.

`python -m sonla_kb.settings.preflight` (run by `make serve`) and the gunicorn
configuration both call it before anything else, so a missing SECRET_KEY or
ALLOWED_HOSTS stops the server with a message instead of a traceback from every worker.
"""

import importlib
import os
import sys

from django.core.exceptions import ImproperlyConfigured

PRODUCTION = "sonla_kb.settings.prod"


def problem(module: str | None = None) -> str | None:
    """What stops these settings from loading, or None when they load."""
    name = module or os.environ.get("DJANGO_SETTINGS_MODULE") or PRODUCTION
    try:
        importlib.import_module(name)
    except ImproperlyConfigured as exc:
        return str(exc)
    return None


def require_settings(module: str | None = None) -> None:
    """Exit with status 2 and a one-line reason when the settings cannot load."""
    reason = problem(module)
    if reason:
        print(f"Not starting: {reason}", file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    require_settings()
