"""Related records: what every backend draws a record's key terms from, and how it lists them.

A record's key terms are drawn from its own text in its language's field, from its translated
title and summary in the other language's field, and from the glossary: the terms of its title
and summary, in the other language. A Vietnamese record so finds English records on the same
subject, and the other way round.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from .analysis import WORD_RE, folded_word, nfc
from .glossary import other_language_forms

OWN_FEEDBACK = 10  # feedback on the record itself, found alike but already on its page
KEY_TERMS = 12  # terms drawn from the record's own text
OTHER_TERMS = 6  # ... and from its translation
MAX_GLOSSARY_FORMS = 6  # glossary forms of the other language added
GLOSSARY_WEIGHT = 0.5  # a glossary form weighs as much as a middling key term


@dataclass(frozen=True)
class Alike:
    """What a record's related records are looked for with."""

    vietnamese: bool  # the record's own text is Vietnamese
    own: str  # its title and text, in its language
    translated: str  # its translated title and summary, in the other language
    forms: tuple[tuple[str, ...], ...]  # the glossary's forms, in the other language (folded)

    @property
    def fields(self) -> tuple[str, str]:
        """The field of its own language's text, and the other language's."""
        return ("text_vi", "text_en") if self.vietnamese else ("text_en", "text_vi")


def alike(record: models.Model, *, title: str, content: str | None) -> Alike:
    """The texts of a record (its indexed `title` and `content`) its key terms come from."""
    translated = nfc(
        f"{getattr(record, 'title_translated', '')}\n\n{getattr(record, 'summary_translated', '')}"
    )
    summary = getattr(record, "summary", "") or ""
    forms = other_language_forms(f"{title}\n\n{summary}")[:MAX_GLOSSARY_FORMS]
    words = (tuple(folded_word(w) for w in WORD_RE.findall(form)) for form in forms)
    return Alike(
        vietnamese=getattr(record, "language", "en") == "vi",
        own=f"{title}\n\n{content or ''}",
        translated=translated if translated.strip() else "",
        forms=tuple(w for w in words if w),
    )


def key_terms(
    counts: Mapping[str, int], *, docs: Mapping[str, int], total: int, numterms: int
) -> list[tuple[str, float]]:
    """The `numterms` most telling of a text's words, by tf-idf, the first weighing 1.

    `counts` are the times each word is in the text, `docs` the records holding each word
    (a word no record holds is left out) and `total` the records of the index.
    """
    scored = [
        (count * math.log((total + 1) / docs[word]), word)
        for word, count in counts.items()
        if docs.get(word)
    ]
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:numterms]
    top = best[0][0] if best and best[0][0] > 0 else 1.0
    return [(word, score / top) for score, word in best if score > 0]


def listed(hits: Iterable[Mapping[str, Any]], *, page: str, limit: int) -> list[dict[str, Any]]:
    """The first `limit` hits as the record page lists them, leaving out the page's own."""
    return [
        {
            "title": h["title"],
            "url": h["url"],
            "type": h["type"],
            "sample": h.get("sample"),
            "language": h.get("language"),
        }
        for h in hits
        if h["url"].partition("#")[0] != page.partition("#")[0]
    ][:limit]
