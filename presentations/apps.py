"""The workshop, its presentations, and the delegates' feedback."""

from django.apps import AppConfig


class PresentationsConfig(AppConfig):
    name = "presentations"
    verbose_name = "Workshop and feedback"
