"""The about, data and API pages, and the downloads: thin views over selectors and dataset."""

import json
import tempfile

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sonla_kb.caching import cached_page
from sonla_kb.exports.tabular import CSV_TYPE, JSON_TYPE, stream

from . import dataset, openapi, selectors


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d")


def _licence_link(response: HttpResponse) -> HttpResponse:
    response["Link"] = f'<{selectors.data_licence().url}>; rel="license"'
    return response


@cached_page
def about(request: HttpRequest) -> HttpResponse:
    """What the knowledge base holds, where it comes from, how it is kept, whom to ask."""
    context = {
        "licence": selectors.data_licence(),
        "contact_email": selectors.contact_email(),
        "last_updated": selectors.last_updated(),
        "counts": selectors.record_counts(),
    }
    return render(request, "opendata/about.html", context)


@cached_page
def data(request: HttpRequest) -> HttpResponse:
    """The downloads of the whole public knowledge base."""
    context = {
        "licence": selectors.data_licence(),
        "last_updated": selectors.last_updated(),
        "tables": dataset.TABLES,
    }
    return render(request, "opendata/data.html", context)


def data_json(request: HttpRequest) -> FileResponse:
    """The public knowledge base as one kb-format JSON file, without the attached files."""
    # Written to disk, not memory; FileResponse closes it (and so removes it) once sent.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    dataset.write_public_json(
        write=lambda text: out.write(text.encode("utf-8")),
        source_url=request.build_absolute_uri(reverse("data")),
    )
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=f"sonla-kb-{_stamp()}.json", content_type=JSON_TYPE
    )
    return _licence_link(response)


def data_zip(request: HttpRequest) -> FileResponse:
    """The public knowledge base as a ZIP: kb.json, the attached files and the licence."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by FileResponse)
    dataset.write_public_zip(target=out, source_url=request.build_absolute_uri(reverse("data")))
    out.seek(0)
    response = FileResponse(
        out,
        as_attachment=True,
        filename=f"sonla-kb-{_stamp()}.zip",
        content_type="application/zip",
    )
    return _licence_link(response)


def data_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One kind of public record as CSV, each row carrying the licence and the date."""
    if table not in dataset.TABLES:
        raise Http404(_("There is no such table."))
    response = stream(
        dataset.csv_table(table),
        filename=f"sonla-kb-{table}-{_stamp()}.csv",
        content_type=CSV_TYPE,
        bom=True,
    )
    return _licence_link(response)


def api(request: HttpRequest) -> HttpResponse:
    """The API described for people, with examples (not cached: they name this host)."""
    return render(request, "opendata/api.html", {"document_url": reverse("api-openapi")})


def openapi_json(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 description of the search API and the exports."""
    document = openapi.document(server_url=request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type=JSON_TYPE)
