"""The project's shared core: themes, search, interchange and the management commands."""

from django.apps import AppConfig


class SonlaKbConfig(AppConfig):
    name = "sonla_kb"
    verbose_name = "Knowledge base"

    def ready(self) -> None:
        """Let the search index follow every change to a record."""
        from .search import signals

        signals.connect()
