"""Downloads: the policy list and search results as CSV or JSON, and a record's citation.

They take the same parameters as the page they come from, checked by the same code.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from policies import selectors as policy_selectors
from policies.forms import PolicyFilterForm
from policies.models import PolicyMeasure
from presentations import selectors as presentation_selectors
from presentations.models import Presentation
from sonla_kb import search
from sonla_kb.i18n import interface_language

from .citations import citation_for, to_bibtex, to_ris
from .csl import to_csl_json
from .records import (
    POLICY_COLUMNS,
    SEARCH_COLUMNS,
    SEARCH_EXPORT_LIMIT,
    policy_row,
    search_rows,
)
from .tabular import (
    CSV_TYPE,
    JSON_TYPE,
    csv_lines,
    csv_text,
    download,
    json_chunks,
    json_text,
    stream,
)

FORMATS = ("csv", "json")
CITE_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", to_bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", to_ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", to_csl_json),
}


def _bad_request(message: str, fmt: str) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(json_text({"error": message}), status=400, content_type=JSON_TYPE)
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d")


def policy_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The policy list, with the page's filters and order, as CSV or JSON (every page)."""
    if fmt not in FORMATS:
        raise Http404(_("There is no such format."))
    form = PolicyFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(form.error_message(), fmt)
    filters = form.filters()
    policies = policy_selectors.policy_list(**filters, language=interface_language())
    rows = [policy_row(p, absolute=request.build_absolute_uri) for p in policies]
    filename = f"policies-{_stamp()}.{fmt}"
    if fmt == "csv":
        return download(
            csv_text(rows, POLICY_COLUMNS), filename=filename, content_type=CSV_TYPE, bom=True
        )
    applied = {
        name: (value.slug if hasattr(value, "slug") else value)
        for name, value in filters.items()
        if value not in (None, "")
    }
    payload = {
        "source": request.build_absolute_uri(),
        "filters": applied,
        "total": len(rows),
        "policies": rows,
    }
    return download(json_text(payload), filename=filename, content_type=JSON_TYPE)


def search_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every result of a search (up to 5,000), with the page's parameters, as CSV or JSON."""
    if fmt not in FORMATS:
        raise Http404(_("There is no such format."))
    try:
        params = search.parse_params(request.GET)
        first, rows = search_rows(
            params, absolute=request.build_absolute_uri, limit=SEARCH_EXPORT_LIMIT
        )
    except search.ParamError as exc:
        return _bad_request(str(exc), fmt)
    exported = min(first["total"], SEARCH_EXPORT_LIMIT)
    truncated = first["total"] > exported
    filename = f"search-{_stamp()}.{fmt}"
    if fmt == "csv":
        response = stream(
            csv_lines(rows, SEARCH_COLUMNS), filename=filename, content_type=CSV_TYPE, bom=True
        )
        response["X-Total-Results"] = str(first["total"])
        if truncated:
            response["X-Export-Truncated"] = str(SEARCH_EXPORT_LIMIT)
        return response
    head = {
        "source": request.build_absolute_uri(),
        "query": first["query"],
        "notice": first["notice"],
        "total": first["total"],
        "exported": exported,
        "truncated": truncated,
        "note": (
            _("Only the first %(limit)s results are exported; narrow the search to get the rest.")
            % {"limit": SEARCH_EXPORT_LIMIT}
            if truncated
            else None
        ),
    }
    chunks = json_chunks(head, key="results", items=rows)
    return stream(chunks, filename=filename, content_type=JSON_TYPE)


def _cite(request: HttpRequest, record, fmt: str) -> HttpResponse:
    content_type, write = CITE_FORMATS[fmt]
    citation = citation_for(record, url=request.build_absolute_uri(record.get_absolute_url()))
    return download(write(citation), filename=f"{record.key}.{fmt}", content_type=content_type)


def policy_cite(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """A policy measure's citation as BibTeX, RIS or CSL-JSON."""
    try:
        policy = policy_selectors.policy_detail(key=key)
    except PolicyMeasure.DoesNotExist:
        raise Http404(_("There is no policy measure with this key.")) from None
    return _cite(request, policy, fmt)


def presentation_cite(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """A presentation's citation as BibTeX, RIS or CSL-JSON."""
    try:
        presentation = presentation_selectors.presentation_detail(key=key)
    except Presentation.DoesNotExist:
        raise Http404(_("There is no presentation with this key.")) from None
    return _cite(request, presentation, fmt)


def study_cite(request: HttpRequest, fmt: str) -> HttpResponse:
    """The study's citation as BibTeX, RIS or CSL-JSON."""
    study = policy_selectors.current_study()
    if study is None:
        raise Http404(_("The study has not been added yet."))
    return _cite(request, study, fmt)
