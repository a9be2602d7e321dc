"""Search views: they validate the parameters and call sonla_kb.search; nothing else."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import search
from .search_controls import chosen_controls
from .search_links import active_filters, facet_links, page_links

_JSON = {"ensure_ascii": False}


def _answer(request: HttpRequest) -> tuple[dict | None, str | None]:
    try:
        params = search.parse_params(request.GET)
        return search.search(params), None
    except search.ParamError as exc:
        return None, str(exc)


def search_api(request: HttpRequest) -> JsonResponse:
    """The JSON search endpoint of search-api.md."""
    answer, error = _answer(request)
    if error:
        return JsonResponse({"error": error}, status=400, json_dumps_params=_JSON)
    return JsonResponse(answer, json_dumps_params=_JSON)


def search_page(request: HttpRequest) -> HttpResponse:
    """The search page: the same answer as the endpoint, rendered."""
    answer, error = _answer(request)
    context = {
        "q": (request.GET.get("q") or "")[:500],
        "answer": answer,
        "error": error,
        "active_filters": active_filters(request.GET),
        "facet_links": facet_links(request.GET, answer["facets"]) if answer else {},
        "page_links": page_links(request.GET, answer) if answer else None,
        "first_number": (answer["page"] - 1) * answer["per_page"] + 1 if answer else 1,
        "title": _("Search"),
        **chosen_controls(params=request.GET),
    }
    return render(request, "search/results.html", context, status=400 if error else 200)


def suggest_api(request: HttpRequest) -> JsonResponse:
    """Completions for the search box as the user types."""
    return JsonResponse(
        {"suggestions": search.suggest(request.GET.get("q") or "")}, json_dumps_params=_JSON
    )
