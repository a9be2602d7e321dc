"""Rows as CSV and JSON files: what every export writes, whatever the records."""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from sonla_kb.csvsafe import safe_cell

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
LIST_SEPARATOR = "; "


def csv_text(rows: Iterable[Mapping], columns: Sequence[str]) -> str:
    """The rows as CSV with a header line; lists joined with "; ", every cell formula-safe."""
    return "".join(csv_lines(rows, columns))


def csv_lines(rows: Iterable[Mapping], columns: Sequence[str]) -> Iterator[str]:
    """The same CSV, a line at a time, reading the rows only as it goes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(cells: Sequence[str]) -> str:
        writer.writerow(cells)
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    yield line(columns)
    for row in rows:
        yield line([safe_cell(_cell(row.get(name))) for name in columns])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def json_text(payload: Mapping) -> str:
    """The payload as indented UTF-8 JSON (Vietnamese written as it is, not \\u-escaped)."""
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"


def json_chunks(head: Mapping, *, key: str, items: Iterable) -> Iterator[str]:
    """JSON of `head` with `key` last, a list whose items are written only as they are read."""
    empty = json_text({**head, key: []})
    yield empty[: empty.rindex("[]")] + "["
    written = False
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", "\n    ")
        yield (",\n    " if written else "\n    ") + body
        written = True
    yield ("\n  ]" if written else "]") + "\n}\n"


def stream(
    chunks: Iterable[str], *, filename: str, content_type: str, bom: bool = False
) -> StreamingHttpResponse:
    """A streamed response that the browser saves as `filename`."""
    body = chain(["\ufeff"] if bom else [], chunks)
    response = StreamingHttpResponse((c.encode("utf-8") for c in body), content_type=content_type)
    _as_attachment(response, filename)
    return response


def _as_attachment(response: HttpResponseBase, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"


def download(content: str, *, filename: str, content_type: str, bom: bool = False) -> HttpResponse:
    """A response that the browser saves as `filename`."""
    body = ("\ufeff" if bom else "") + content
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    _as_attachment(response, filename)
    return response
