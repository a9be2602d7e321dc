"""Rows as CSV and JSON files: what every export writes, whatever the records."""

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from django.http import HttpResponse

from sonla_kb.csvsafe import safe_cell

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
LIST_SEPARATOR = "; "


def csv_text(rows: Iterable[Mapping], columns: Sequence[str]) -> str:
    """The rows as CSV with a header line; lists joined with "; ", every cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_cell(row.get(name))) for name in columns])
    return out.getvalue()


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


def download(content: str, *, filename: str, content_type: str, bom: bool = False) -> HttpResponse:
    """A response that the browser saves as `filename`."""
    body = ("\ufeff" if bom else "") + content
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
