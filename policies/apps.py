"""Policy measures since 2017, the study, and the sector's indicators."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies and the study")

    def ready(self) -> None:
        """Let each version of a themed record (here and in presentations) keep its themes."""
        from sonla_kb import history

        history.connect()
