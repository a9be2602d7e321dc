"""Reads of the glossary for the search: every term and theme name, as plain data, and a version.

The search keeps what all_terms() returns per process and asks glossary_version() before
each use: an edit in the admin, an import or a revert changes the version, so the next
search sees it without a rebuild and without any signal.
"""

import hashlib
import re
from dataclasses import dataclass

from django.db.models import Count, Max

from sonla_kb.themes import Theme

from .forms import split_forms, tidy_forms
from .models import Term

# "Mỗi xã một sản phẩm (OCOP)": the name without its bracketed abbreviation is a form too.
_BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)$")


@dataclass(frozen=True, slots=True)
class TermForms:
    """One concept: its English forms, its Vietnamese forms (the usual one first), synonyms."""

    key: str  # the term's key; "theme:<slug>" for a theme
    english: tuple[str, ...]
    vietnamese: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    source: str = "glossary"  # "glossary" or "theme"


def all_terms() -> list[TermForms]:
    """Every glossary term, then every theme with a Vietnamese name, as plain data."""
    terms = [
        TermForms(
            key=key,
            english=tuple(split_forms(english)),
            vietnamese=tuple(split_forms(vietnamese)),
            synonyms=tuple(split_forms(synonyms)),
        )
        for key, english, vietnamese, synonyms in Term.objects.order_by("key").values_list(
            "key", "english", "vietnamese", "synonyms"
        )
    ]
    return terms + theme_terms()


def theme_terms() -> list[TermForms]:
    """The themes' names in both languages, as terms (themes without a Vietnamese name left out)."""
    out = []
    for slug, name, name_vi in Theme.objects.exclude(name_vi="").values_list(
        "slug", "name", "name_vi"
    ):
        english, vietnamese, synonyms = [name], [name_vi], []
        for forms in (english, vietnamese):
            match = _BRACKETED.match(forms[0])
            if match:
                forms.append(match["name"])
                synonyms.append(match["short"])
        synonyms = [s for s in synonyms if s.casefold() not in {f.casefold() for f in english}]
        out.append(
            TermForms(
                key=f"theme:{slug}",
                english=tuple(tidy_forms(english)),
                vietnamese=tuple(tidy_forms(vietnamese)),
                synonyms=tuple(tidy_forms(synonyms)),
                source="theme",
            )
        )
    return sorted(out, key=lambda t: t.key)


def glossary_version() -> str:
    """A short text that changes whenever a term or a theme's names change (two small queries)."""
    terms = Term.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    # Themes keep no timestamp: their names (a few dozen rows) are hashed instead.
    digest = hashlib.blake2b(digest_size=8)
    for row in Theme.objects.order_by("pk").values_list("pk", "name", "name_vi"):
        digest.update(repr(row).encode())
    latest = terms["latest"].isoformat() if terms["latest"] else "-"
    return f"{terms['count']}:{latest}:{digest.hexdigest()}"
