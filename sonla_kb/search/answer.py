"""The shape of a search answer (search-api.md), shared by the index and the fallback."""

from collections import Counter
from math import ceil
from typing import Any

from django.utils.translation import gettext as _

from .locate import snippet_and_location
from .params import ParamError, SearchParams
from .snippets import Terms
from .themes import facet_labels


def page_count(params: SearchParams, total: int) -> int:
    """How many pages the results fill; a page beyond them is a bad parameter."""
    pages = max(1, ceil(total / params.per_page))
    if params.page > pages:
        raise ParamError(
            "page", _("out of range: there are %(pages)s page(s) of results") % {"pages": pages}
        )
    return pages


def to_result(fields: dict[str, Any], *, score: float | None, terms: Terms) -> dict[str, Any]:
    """One result, from a document's stored fields."""
    # Cut from an attached file's page when only the file holds the words; `location` says where.
    snippet, location = snippet_and_location(
        fields.get("content") or "", fields.get("pages") or (), terms
    )
    return {
        "type": fields["type"],
        "key": fields["key"],
        "title": fields["title"],
        "title_translated": fields.get("title_translated") or None,  # in the other language
        "url": fields["url"],
        "snippet": snippet,
        "location": location,
        "tags": list(fields.get("tagnames") or []),
        "date": fields.get("date"),
        "language": fields.get("language"),
        "sample": bool(fields.get("sample")),
        "score": round(score, 3) if isinstance(score, float) else None,
    }


def make_answer(
    params: SearchParams,
    *,
    total: int,
    results: list[dict[str, Any]],
    counts: dict[str, Counter],
    notice: str | None = None,
    suggestion: str | None = None,
    expanded: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The whole answer, as the page and the JSON endpoint give it."""
    return {
        "query": params.q,
        "notice": notice,
        "total": total,
        "page": params.page,
        "pages": max(1, ceil(total / params.per_page)),
        "per_page": params.per_page,
        "results": results,
        "facets": facet_labels(counts),
        "suggestion": suggestion,
        "corrected_from": None,
        "expanded": list(expanded),
    }
