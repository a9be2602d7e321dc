"""Links of the search page: facets to add, filters to remove, pages to turn."""

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

FILTERS = {"type": N_("Type"), "tag": N_("Theme"), "year": N_("Year"), "lang": N_("Language")}
TYPE_LABELS = {
    "policy": N_("Policies"),
    "presentation": N_("Presentations"),
    "study": N_("Study"),
    "feedback": N_("Feedback"),
}


def _url(params: QueryDict) -> str:
    return "?" + params.urlencode()


def _without(query: QueryDict, key: str, value: str | None = None) -> QueryDict:
    params = query.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != value])
    return params


def active_filters(query: QueryDict) -> list[dict[str, str]]:
    """Each filter in force, with the link that removes it."""
    found = []
    for key, label in FILTERS.items():
        for value in query.getlist(key):
            if value.strip():
                shown = _(TYPE_LABELS.get(value, value)) if key == "type" else value
                remove = _url(_without(query, key, value))
                found.append({"label": _(label), "value": shown, "remove_href": remove})
    return found


def facet_links(query: QueryDict, facets: dict[str, dict[str, int]]) -> dict[str, list]:
    """For each facet, its values with counts and the link that filters on them."""
    links: dict[str, list] = {}
    param_of = {"type": "type", "tag": "tag", "year": "year"}
    for facet, values in facets.items():
        key = param_of[facet]
        current = query.getlist(key)
        rows = []
        for value, count in values.items():
            params = query.copy()
            params.pop("page", None)
            active = value in current
            if active:
                params = _without(query, key, value)
            elif key == "year":
                params[key] = value
            else:
                params.appendlist(key, value)
            label = _(TYPE_LABELS.get(value, value)) if facet == "type" else value
            rows.append({"value": label, "count": count, "url": _url(params), "active": active})
        links[facet] = rows
    return links


def page_links(query: QueryDict, answer: dict[str, Any]) -> dict[str, str | None]:
    """Links to the previous and next pages, when there are such pages."""

    def to(page: int) -> str:
        params = query.copy()
        params["page"] = str(page)
        return _url(params)

    page, pages = answer["page"], answer["pages"]
    return {
        "previous": to(page - 1) if page > 1 else None,
        "next": to(page + 1) if page < pages else None,
    }
