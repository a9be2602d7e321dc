"""The workshop, its presentations, and the delegates' feedback."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresentationsConfig(AppConfig):
    name = "presentations"
    verbose_name = _("Workshop and feedback")
