"""Which language a piece of content is shown in, and whether it is a translation (pure).

Two kinds of bilingual content: a record's title and summary are written in the record's
own language and may carry a translation into the other one (`title_translated`,
`summary_translated`); the workshop, indicators, themes and issuers are written in English
with a Vietnamese twin (`<field>_vi`). Templates ask here, so every page puts the right
`lang` on the element that holds the text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .records import other_language

LANGUAGE_NAMES = {"en": _("English"), "vi": _("Vietnamese")}


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of content, its language, and whether it is a translation of the original."""

    text: str
    lang: str
    translated: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def language_name(self) -> str:
        """The name of its language, in the reader's language ("English", "tiếng Anh")."""
        return str(LANGUAGE_NAMES.get(self.lang, self.lang))


@dataclass(frozen=True, slots=True)
class Bilingual:
    """What to show first in the reader's language, and the other version if there is one."""

    main: Text
    other: Text | None


def localized(obj, field: str, *, language: str) -> Text:
    """An English field with a Vietnamese twin (`<field>_vi`): the reader's, where it exists."""
    vietnamese = getattr(obj, f"{field}_vi", "") or ""
    if language == "vi" and vietnamese:
        return Text(vietnamese, "vi")
    return Text(getattr(obj, field, "") or "", "en")


def record_text(record, field: str, *, language: str) -> Bilingual:
    """A record's title or summary: in the reader's language first, the original marked apart."""
    original = Text(getattr(record, field, "") or "", record.language)
    text = getattr(record, f"{field}_translated", "") or ""
    translation = Text(text, other_language(record.language), translated=True) if text else None
    if translation is None or not original.text:
        return Bilingual(main=translation or original, other=None)
    if language == record.language:
        return Bilingual(main=original, other=translation)
    return Bilingual(main=translation, other=original)
