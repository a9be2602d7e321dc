"""Real spreadsheets for the tests: XLSX written by openpyxl, CSV as text."""

import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX, CSV = "0", "1"  # the format choices of the import form, in order
# The admin app of each model a sheet fills.
APPS = {"feedback": "presentations", "term": "sonla_kb"}


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """A workbook whose first sheet holds these rows (the first names the columns)."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_xlsx(data: bytes) -> list[tuple]:
    """The rows of a workbook's first sheet."""
    book = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def upload(client, model: str, data: bytes, *, name: str = "sheet.xlsx", fmt: str = XLSX, **extra):
    """Send a file to a list's import page: the preview (nothing written yet)."""
    app = APPS.get(model, "policies")
    url = reverse(f"admin:{app}_{model}_import")
    content_type = XLSX_TYPE if fmt == XLSX else "text/csv"
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(url, {"import_file": file, "format": fmt, "resource": "0"}, **extra)


def confirm(client, model: str, preview, **extra):
    """Press "Confirm import" on a preview."""
    app = APPS.get(model, "policies")
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:{app}_{model}_process_import"), data, **extra)
