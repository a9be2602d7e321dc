"""Date fields in the admin that read a date one way only, and say how to write it.

The accepted forms follow the interface language (sonla_kb.formats): day first in
Vietnamese, ISO or a month name in English. Anything else is refused with a message
that shows the form expected, instead of Django's bare "Enter a valid date."
"""

from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Translators: write the date form the Vietnamese admin accepts (day/month/year), not a copy.
DATE_HINT = _("Written as YYYY-MM-DD, e.g. 2026-12-01 for 1 December 2026.")
DATE_REFUSED = _(
    "Write the date as YYYY-MM-DD, e.g. 2026-12-01 for 1 December 2026: a date such as "
    "01/12/2026 can be read as January or as December."
)


class LocalDateField(forms.DateField):
    """A date in the form the active language writes, refused with a hint otherwise."""

    default_error_messages = {"invalid": DATE_REFUSED}

    def __init__(self, **kwargs) -> None:
        help_text = kwargs.get("help_text")
        kwargs["help_text"] = format_lazy("{} {}", help_text, DATE_HINT) if help_text else DATE_HINT
        super().__init__(**kwargs)


class LocalDatesMixin:
    """For a ModelAdmin or inline: every date field is a LocalDateField."""

    formfield_overrides = {models.DateField: {"form_class": LocalDateField}}
