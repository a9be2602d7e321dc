"""Work a server does before it answers: once before it forks its workers (gunicorn's
preload), and in each worker before its first request.

Every worker starts with the site's templates compiled and both catalogues loaded
(`warm`, in the master: nothing there opens the database, the index or the cache, which
must not be shared across a fork), then opens its own database connection, cache and
search index (`warm_worker`, in the worker), instead of paying for them on its first
requests: a worker recycled under load answers its first page as fast as its last.
"""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.utils import translation

log = logging.getLogger(__name__)


def template_names(*, roots: list[Path]) -> list[str]:
    """The names of the HTML and text templates under each root, as `get_template` takes them."""
    names = {
        path.relative_to(root).as_posix()
        for root in roots
        if root.is_dir()
        for pattern in ("*.html", "*.txt", "*.xml")
        for path in root.rglob(pattern)
    }
    return sorted(names)


def project_template_roots() -> list[Path]:
    """The template folders of the project itself (not of Django's or a library's apps)."""
    base = Path(settings.BASE_DIR).resolve()
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
    ]
    return roots


def warm() -> int:
    """Compile the project's templates and load every language's catalogue; return the count."""
    compiled = 0
    for name in template_names(roots=project_template_roots()):
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment the site never renders on its own; the request will say
        compiled += 1
    current = translation.get_language()
    for code, _name in settings.LANGUAGES:
        translation.activate(code)
    translation.activate(current or settings.LANGUAGE_CODE)
    return compiled


def warm_worker() -> list[str]:
    """In a worker: open the database, the cache and the search index; return what opened.

    Nothing here may stop a worker from starting: what fails is logged, and opened again
    by the first request that needs it.
    """
    from django.core.cache import cache
    from django.db import connection

    from sonla_kb.search import IndexUnavailable, open_index

    opened = []
    steps = (
        ("database", connection.ensure_connection),
        ("cache", lambda: cache.get("warm-up")),
        # Only opened: a missing index is the first search's to report and repair.
        ("search index", open_index),
    )
    for name, step in steps:
        try:
            step()
        except IndexUnavailable as exc:  # expected on a fresh install, or while it is rebuilt
            log.info("Warm-up: the %s could not be opened yet (%s)", name, exc)
            continue
        except Exception:
            log.warning("Warm-up: the %s could not be opened yet", name, exc_info=True)
            continue
        opened.append(name)
    return opened
