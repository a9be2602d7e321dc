"""Which installed apps are this project's own: their models are content, their files code."""

from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings

INSTALLED_PACKAGES = frozenset({"site-packages", "dist-packages"})


def project_app_configs() -> list[AppConfig]:
    """The apps whose code lives in the project's folder (not in .venv's installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    own = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not INSTALLED_PACKAGES & set(path.parts):
            own.append(config)
    return own
