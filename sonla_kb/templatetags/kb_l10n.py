"""Template helpers that write things in the reader's language: numbers, dates, themes, types."""

import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext_lazy as _

from sonla_kb.figures import format_number
from sonla_kb.figures import indicator_name as _indicator_name
from sonla_kb.i18n import interface_language
from sonla_kb.i18n import theme_name as _theme_name
from sonla_kb.themes import Theme

register = template.Library()

RECORD_TYPES = {
    "policy": _("Policy measure"),
    "presentation": _("Presentation"),
    "study": _("Study"),
    "feedback": _("Feedback"),
}


@register.filter
def num(value) -> str:
    """A number with the language's thousands and decimal separators: 23,312 / 23.312."""
    if value in (None, ""):
        return ""
    return format_number(value)


@register.filter
def indicator_name(indicator) -> str:
    """An indicator's name in the reader's language, where a translation is known."""
    return _indicator_name(indicator)


@register.filter
def theme_name(theme) -> str:
    """The theme's Vietnamese name in the Vietnamese interface, else its English name."""
    if theme is None:
        return ""
    return _theme_name(theme)


@register.filter
def theme_lang(theme) -> str:
    """The language theme_name shows the theme's name in: "vi" or "en"."""
    return "vi" if interface_language() == "vi" and getattr(theme, "name_vi", "") else "en"


@register.simple_tag(takes_context=True)
def theme_label(context, name: str) -> str:
    """A theme given by its English name (as search answers give it), in the reader's language."""
    if interface_language() != "vi" or not name:
        return name
    cache = context.render_context
    names = cache.get("kb_theme_names_vi")
    if names is None:
        names = {
            english.casefold(): vietnamese
            for english, vietnamese in Theme.objects.exclude(name_vi="").values_list(
                "name", "name_vi"
            )
        }
        cache["kb_theme_names_vi"] = names
    return names.get(str(name).casefold(), name)


@register.filter
def record_type(value: str) -> str:
    """The name of a kind of record ("policy" -> "Policy measure"), translated."""
    return str(RECORD_TYPES.get(value, value))


@register.filter
def iso_date(value, fmt: str = "DATE_FORMAT") -> str:
    """An ISO date string ("2025-06-01"), written as the language writes dates."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return date_filter(value, fmt)
