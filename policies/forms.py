"""The policy list's filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sonla_kb.i18n import interface_language
from sonla_kb.listing import FilterForm, ThemeChoiceField

from . import selectors
from .models import PolicyKind, PolicyStatus

SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title (A–Z)")),
]


def _with_blank(choices, blank_label) -> list:
    return [("", blank_label), *choices]


class LanguageSelect(forms.Select):
    """A select whose options carry the language of their label (`lang`), where it is known."""

    def __init__(self, *, langs: dict[str, str], **kwargs):
        super().__init__(**kwargs)
        self.langs = langs

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        """The option, with `lang` when its label is in a known language."""
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        lang = self.langs.get(str(value))
        if lang:
            option["attrs"]["lang"] = lang
        return option


class PolicyFilterForm(FilterForm):
    """Year, theme, kind, issuer, status and sort order of the policy list; all optional."""

    filter_fields = ("year", "theme", "kind", "issuer", "status")

    year = forms.IntegerField(
        label=_("Year issued"),
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={"invalid": _("The year must be a number, such as 2019.")},
    )
    theme = ThemeChoiceField()
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=_with_blank(PolicyKind.choices, _("All kinds")),
        required=False,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a kind of policy measure."),
        },
    )
    issuer = forms.CharField(label=_("Issuer"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_with_blank(PolicyStatus.choices, _("Any status")),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a status.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a sort order.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer what the register holds; any year or issuer typed into the URL still filters.
        years = selectors.policy_years()
        self.fields["year"].widget = forms.Select(
            choices=_with_blank([(y, y) for y in years], _("All years"))
        )
        issuers = selectors.policy_issuers()
        # Issuers are stored in English; the Vietnamese interface shows their Vietnamese names.
        names_vi = selectors.issuer_names_vi() if interface_language() == "vi" else {}
        self.fields["issuer"].widget = LanguageSelect(
            choices=_with_blank([(i, names_vi.get(i, i)) for i in issuers], _("All issuers")),
            langs={i: "vi" if i in names_vi else "en" for i in issuers},
        )

    def filters(self) -> dict:
        """The cleaned filters as keyword arguments of selectors.policy_list."""
        data = self.cleaned_data
        return {
            "year": data.get("year"),
            "theme": data.get("theme"),
            "kind": data.get("kind") or None,
            "issuer": data.get("issuer") or None,
            "status": data.get("status") or None,
            "sort": data.get("sort") or "newest",
        }
