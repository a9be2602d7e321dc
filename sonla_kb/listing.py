"""What every filterable public list shares: a GET form, its active filters, and safe paging."""

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .i18n import theme_name


class ListParameterError(ValueError):
    """A list was asked for with a parameter it cannot honour (shown to the user, status 400)."""


@dataclass(frozen=True)
class ActiveFilter:
    """One filter in use, as the page shows it, with the link that removes it."""

    name: str
    label: str
    value: str
    remove_href: str


class ThemeChoiceField(forms.ModelChoiceField):
    """An optional filter by a public theme (given by slug), each shown by its name in the
    interface's language."""

    def __init__(self, **kwargs):
        from .selectors import public_themes  # the selectors import the apps' forms' models

        kwargs.setdefault("label", _("Theme"))
        kwargs.setdefault("empty_label", _("All themes"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("There is no theme “%(value)s”.")})
        super().__init__(
            queryset=public_themes().order_by("name"),
            to_field_name="slug",
            required=False,
            **kwargs,
        )

    def label_from_instance(self, obj) -> str:
        """The theme's Vietnamese name in the Vietnamese interface."""
        return theme_name(obj)


class FilterForm(forms.Form):
    """A GET form of optional filters plus the page number; `filter_fields` are the filters."""

    filter_fields: Sequence[str] = ()

    page = forms.IntegerField(
        label=_("Page"),
        min_value=1,
        required=False,
        error_messages={"invalid": _("The page must be a whole number.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page number is declared here, first; it reads (and reports errors) last.
        self.order_fields([name for name in self.fields if name != "page"])

    def error_message(self) -> str:
        """Every problem with the parameters, in one sentence per field, for the page."""
        parts = []
        for name, errors in self.errors.items():
            label = self[name].label if name in self.fields else name
            parts.append(f"{label}: {' '.join(str(e) for e in errors)}")
        return " ".join(parts)

    def active_filters(self, query: QueryDict) -> list[ActiveFilter]:
        """The filters in use, each with a link to the same list without it (back to page 1)."""
        active = []
        for name in self.filter_fields:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            remaining = query.copy()
            for dropped in (name, "page"):
                remaining.pop(dropped, None)
            active.append(
                ActiveFilter(
                    name=name,
                    label=str(self[name].label),
                    value=self.display_value(name, value),
                    remove_href=f"?{remaining.urlencode()}",
                )
            )
        return active

    def display_value(self, name: str, value: object) -> str:
        """How a cleaned value reads: the choice's label where there is one."""
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            return str(field.label_from_instance(value))
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            return str(dict(field.choices).get(value, value))
        return str(value)


def paginate(items: QuerySet | Sequence, *, page: int | None, per_page: int) -> Page:
    """The requested page (1 when none is given); a page past the end is a ListParameterError."""
    paginator = Paginator(items, per_page)
    number = page or 1
    try:
        return paginator.page(number)
    except EmptyPage:
        raise ListParameterError(
            _("There is no page %(page)s: the list has %(pages)s page(s).")
            % {"page": number, "pages": paginator.num_pages}
        ) from None
