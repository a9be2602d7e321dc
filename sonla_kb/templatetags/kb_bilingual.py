"""Template helpers for bilingual content: the reader's language first, with its `lang`."""

from django import template

from sonla_kb.bilingual import LANGUAGE_NAMES, Bilingual, Text, localized, record_text
from sonla_kb.i18n import interface_language

register = template.Library()


@register.simple_tag
def in_reader_language(obj, field: str) -> Text:
    """`{% in_reader_language workshop "summary" as summary %}`: the Vietnamese twin if wanted."""
    return localized(obj, field, language=interface_language())


@register.simple_tag
def record_field(record, field: str) -> Bilingual:
    """`{% record_field policy "title" as title %}`: main (reader's language) and other."""
    return record_text(record, field, language=interface_language())


@register.filter
def title_in_reader_language(record) -> Text:
    """A record's title for a list: the translation when it is in the reader's language."""
    return record_text(record, "title", language=interface_language()).main


@register.filter
def language_name(code: str) -> str:
    """A language's name in the reader's language: "en" -> "English" / "tiếng Anh"."""
    return str(LANGUAGE_NAMES.get(code, code))
