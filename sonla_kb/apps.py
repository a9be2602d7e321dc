"""The project's shared core: themes, search, interchange and the management commands."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SonlaKbConfig(AppConfig):
    name = "sonla_kb"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        """Let the search index and the page cache follow every change; remove deleted files."""
        from .attachments import signals as attachment_signals
        from .caching import signals as caching_signals
        from .search import signals

        signals.connect()
        attachment_signals.connect()
        caching_signals.connect()
