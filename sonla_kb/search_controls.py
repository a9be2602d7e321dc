"""The sort and language controls of the search page: their choices and what is chosen."""

from django.http import QueryDict
from django.utils.translation import gettext as _


def sort_choices() -> list[tuple[str, str]]:
    """The orders the search engine offers (search-api.md), labelled in the reader's language."""
    return [
        ("relevance", _("Relevance")),
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
    ]


def lang_choices() -> list[tuple[str, str]]:
    """The languages a search can be limited to; the empty value means any."""
    return [("", _("Any language")), ("en", _("English")), ("vi", _("Vietnamese"))]


def chosen_controls(*, params: QueryDict) -> dict[str, object]:
    """The choices and the chosen sort and language, with the engine's default sort."""
    q = (params.get("q") or "").strip()
    sort = (params.get("sort") or "").strip().lower() or ("relevance" if q else "newest")
    lang = (params.get("lang") or "").strip().lower()
    return {
        "sort_choices": sort_choices(),
        "lang_choices": lang_choices(),
        "sort": sort,
        "lang": lang,
    }
