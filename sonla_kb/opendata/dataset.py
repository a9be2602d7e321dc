"""The public knowledge base as downloads: kb-format JSON, a ZIP with the files, CSV tables.

Each carries the licence and the date of the latest change; none holds unpublished feedback
(the exporter's `public` mode), so a download imports into an empty database as the same
public content.
"""

import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from presentations.models import Workshop
from sonla_kb.exports.tabular import csv_lines
from sonla_kb.interchange.exporter import (
    export_sections,
    name_order,
    public_records,
    serialize_object,
    serialize_records,
    write_sections,
)
from sonla_kb.interchange.spec import SECTIONS, Kind

from .selectors import data_licence, last_updated

SITE_TITLE = "Son La Coffee Policy Knowledge Base"
# The CSV tables, one per kind of record, in kb-format's order.
TABLES = tuple(SECTIONS)
# Columns every CSV row ends with: what the file may be reused under, and as of when.
CSV_TAIL = ("licence", "licence_url", "dataset_updated")


def dataset_description(*, source_url: str) -> dict[str, Any]:
    """The `dataset` object written at the top of a download: title, licence, date, origin."""
    licence = data_licence()
    updated = last_updated()
    return {
        "title": SITE_TITLE,
        "licence": licence.name,
        "licence_url": licence.url,
        "updated": updated.isoformat() if updated else None,
        "source": source_url,
        "note": "Public content only: unpublished feedback is never included. "
        "Records with sample: true were written for demonstration and are not official.",
    }


def write_public_json(*, write: Callable[[str], Any], source_url: str) -> None:
    """Write the public knowledge base as kb-format JSON through `write` (files left out)."""
    sections = export_sections(
        notes=[],
        public=True,
        with_files=False,
        dataset=dataset_description(source_url=source_url),
    )
    write_sections(write=write, sections=sections)


def write_public_zip(*, target: BinaryIO, source_url: str) -> None:
    """Write a ZIP of kb.json with the attached files beside it, and the licence, to `target`."""
    description = dataset_description(source_url=source_url)
    with tempfile.TemporaryDirectory(prefix="kb-data-") as tmp:
        folder = Path(tmp)
        with (folder / "kb.json").open("w", encoding="utf-8", newline="") as out:
            sections = export_sections(notes=[], files_dir=folder, public=True, dataset=description)
            write_sections(write=out.write, sections=sections)
        (folder / "LICENCE.txt").write_text(licence_text(description), encoding="utf-8")
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, arcname=path.relative_to(folder).as_posix())


def licence_text(description: dict[str, Any]) -> str:
    """The licence note shipped in the ZIP."""
    return (
        f"{description['title']}\n\n"
        f"Data licence: {description['licence']} ({description['licence_url']})\n"
        f"Last updated: {description['updated'] or 'never'}\n"
        f"Source: {description['source']}\n\n"
        f"{description['note']}\n"
    )


def table_rows(name: str) -> Iterator[dict[str, Any]]:
    """The public records of one kind as kb-format objects (files left out), in key order."""
    spec = SECTIONS[name]
    if name == "themes":
        from sonla_kb.selectors import public_themes  # reads both apps

        themes = [serialize_object(spec=spec, record=t) for t in public_themes()]
        yield from sorted(themes, key=lambda t: name_order(t["name"]))
    elif name == "workshop":
        workshop = Workshop.objects.order_by("pk").first()
        if workshop is not None:
            yield serialize_object(spec=spec, record=workshop)
    else:
        yield from serialize_records(spec=spec, queryset=public_records(spec))


def table_columns(name: str) -> tuple[str, ...]:
    """The CSV columns of one kind of record: its kb-format fields, then the licence and date."""
    spec = SECTIONS[name]
    return (*(f.name for f in spec.fields if f.kind is not Kind.FILES), *CSV_TAIL)


def csv_table(name: str) -> Iterator[str]:
    """One kind of public record as CSV lines (about as `policy:KEY`, lists joined by "; ")."""
    licence = data_licence()
    updated = last_updated()
    tail = {
        "licence": licence.name,
        "licence_url": licence.url,
        "dataset_updated": updated.isoformat() if updated else "",
    }

    def rows() -> Iterator[dict[str, Any]]:
        for row in table_rows(name):
            about = row.get("about")
            if isinstance(about, dict):
                row["about"] = f"{about['type']}:{about['key']}"
            yield {**row, **tail}

    return csv_lines(rows(), table_columns(name))
