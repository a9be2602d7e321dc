"""The feedback list's filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sonla_kb.listing import FilterForm, ThemeChoiceField

ABOUT_CHOICES = [
    ("", _("Anything")),
    ("workshop", _("The workshop as a whole")),
    ("study", _("The study")),
    ("presentation", _("A presentation")),
    ("policy", _("A policy measure")),
]


class FeedbackFilterForm(FilterForm):
    """What the feedback is about, and its theme; both optional."""

    filter_fields = ("about", "theme")

    about = forms.ChoiceField(
        label=_("About"),
        choices=ABOUT_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not something feedback is about: "
                "use workshop, study, presentation or policy."
            ),
        },
    )
    theme = ThemeChoiceField()

    def filters(self) -> dict:
        """The cleaned filters as keyword arguments of selectors.feedback_list."""
        return {
            "about": self.cleaned_data.get("about") or None,
            "theme": self.cleaned_data.get("theme"),
        }
