"""Policy measures since 2017, the study, and the sector's indicators."""

from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Policies and the study"
