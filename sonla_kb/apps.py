"""The project's shared core: themes, search, interchange and the management commands."""

from django.apps import AppConfig


class SonlaKbConfig(AppConfig):
    name = "sonla_kb"
    verbose_name = "Knowledge base"
