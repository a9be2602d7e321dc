"""Export the whole knowledge base as a kb-format document: every field, sorted, stable.

Every field is written, defaults included, and records are sorted in Python (not by
the database's collation), so export, import into an empty database and export again
give the same bytes on SQLite and PostgreSQL alike.
"""

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import F

from policies.models import Study
from presentations.models import Workshop
from sonla_kb.glossary.forms import split_forms
from sonla_kb.themes import Theme

from . import files
from .spec import ABOUT_SECTIONS, FORMAT, SECTIONS, STUDY, THEMES, WORKSHOP, Kind, SectionSpec
from .tagging import theme_names_by_record

# Records read per query while exporting: bounded memory for the model instances.
CHUNK = 2000


@dataclass
class _Context:
    """What serializing a record needs besides the record itself."""

    files_dir: Path | None
    themes_of: dict[int, set[str]] = field(default_factory=dict)  # the current section's
    public: bool = False  # only published feedback
    with_files: bool = True


@dataclass
class Export:
    """An exported document and what the reader should know about it."""

    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def export_sections(
    *,
    notes: list[str],
    files_dir: Path | None = None,
    public: bool = False,
    with_files: bool = True,
    dataset: dict[str, Any] | None = None,
) -> Iterator[tuple[str, Any]]:
    """The knowledge base as (name, section) pairs in format order, built one at a time.

    `public`: only what the public may see (published feedback, the themes public records
    carry), as /data/ offers it; `with_files=False` leaves out the records' `files`;
    `dataset`: the `dataset` description written after `format`.
    """
    yield "format", FORMAT
    if dataset is not None:
        yield "dataset", dataset
    context = _Context(files_dir=files_dir, public=public, with_files=with_files)
    theme_records = _public_themes() if public else Theme.objects.all()
    themes = [_serialize(THEMES, theme, context) for theme in theme_records]
    yield "themes", sorted(themes, key=lambda t: name_order(t["name"]))

    workshops = list(Workshop.objects.order_by("pk")[:2])
    if len(workshops) > 1:
        notes.append("several workshops in the database: only the first was exported")
    if workshops:
        yield "workshop", _serialize(WORKSHOP, workshops[0], context)

    # kb-format has one study: the latest (by year) stands for the knowledge base.
    study = Study.objects.order_by(F("year").desc(nulls_last=True), "key").first()
    if study is not None:
        others = Study.objects.exclude(pk=study.pk).count()
        if others:
            notes.append(
                f"{others + 1} studies in the database: only {study.key!r} (the latest) was "
                "exported; feedback about the others will not import elsewhere"
            )
        context.themes_of = theme_names_by_record(model=Study, pks=[study.pk])
        yield "study", _serialize(STUDY, study, context)

    for name in ("presentations", "policies", "feedback", "indicators", "terms"):
        yield name, _section(SECTIONS[name], context)


def export_document(*, files_dir: Path | None = None) -> Export:
    """The whole knowledge base as one kb-format document, with notes on what was left out."""
    notes: list[str] = []
    return Export(document=dict(export_sections(notes=notes, files_dir=files_dir)), notes=notes)


def render_document(document: dict[str, Any]) -> str:
    """The document as kb-format text: UTF-8 characters as they are, indented, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_sections(*, write: Callable[[str], Any], sections: Iterable[tuple[str, Any]]) -> None:
    """Write sections as render_document would, byte for byte, holding one section at a time."""
    for i, (name, value) in enumerate(sections):
        write(f"{'{' if i == 0 else ','}\n  {json.dumps(name)}: ")
        if isinstance(value, list) and value:
            # Record by record: json.dumps with indent builds every fragment of its input
            # in memory at once, several times the size of the text for a large section.
            for j, record in enumerate(value):
                write(f"{'[' if j == 0 else ','}\n    {_dumps(record, indent='    ')}")
            write("\n  ]")
        else:
            write(_dumps(value, indent="  "))
    write("\n}\n")


def _dumps(value: Any, *, indent: str) -> str:
    # JSON text never holds a raw newline inside a string, so re-indenting by line is safe.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def export_stream(*, write: Callable[[str], Any], files_dir: Path | None = None) -> list[str]:
    """Write the whole knowledge base as kb-format text through `write`; the notes."""
    notes: list[str] = []
    write_sections(write=write, sections=export_sections(notes=notes, files_dir=files_dir))
    return notes


def export_file(*, path: Path) -> list[str]:
    """Export the whole knowledge base to a kb-format file; the notes on what was left out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed into place: a failed export leaves no half file.
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as out:
        try:
            notes = export_stream(write=out.write, files_dir=path.parent)
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    os.replace(out.name, path)
    return notes


def name_order(name: str) -> tuple[str, str]:
    """Theme names sorted case-insensitively, ties broken by the exact spelling."""
    return (name.casefold(), name)


def json_number(value: Decimal) -> int | float:
    """An indicator value as JSON writes it: 23312 for Decimal('23312.0000'), 47.9 for 47.9000."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _public_themes():
    from sonla_kb.selectors import public_themes  # reads both apps: imported when needed

    return public_themes()


def public_records(spec: SectionSpec) -> models.QuerySet:
    """The records of a section that the public may see: all but unpublished feedback."""
    queryset = spec.model._default_manager.all()
    return queryset.filter(published=True) if spec.name == "feedback" else queryset


def _section(spec: SectionSpec, context: _Context) -> list[dict[str, Any]]:
    context.themes_of = theme_names_by_record(model=spec.model) if spec.has_tags else {}
    records = public_records(spec) if context.public else spec.model._default_manager.all()
    queryset = _with_about_keys(spec, records)
    records = [_serialize(spec, r, context) for r in queryset.iterator(chunk_size=CHUNK)]
    return sorted(records, key=lambda r: r["key"])


def serialize_object(*, spec: SectionSpec, record: models.Model) -> dict[str, Any]:
    """One record of any section (a theme, the workshop) as a kb-format object, files left out."""
    context = _Context(files_dir=None, with_files=False)
    if spec.has_tags:
        context.themes_of = theme_names_by_record(model=spec.model, pks=[record.pk])
    return _serialize(spec, record, context)


def serialize_records(*, spec: SectionSpec, queryset: models.QuerySet) -> Iterator[dict[str, Any]]:
    """Some records of a keyed section as kb-format objects (files left out), CHUNK at a time."""
    context = _Context(files_dir=None)
    queryset = _with_about_keys(spec, queryset.order_by("key"))
    chunk: list[models.Model] = []
    for record in queryset.iterator(chunk_size=CHUNK):
        chunk.append(record)
        if len(chunk) == CHUNK:
            yield from _serialize_chunk(spec, chunk, context)
            chunk = []
    yield from _serialize_chunk(spec, chunk, context)


def _serialize_chunk(
    spec: SectionSpec, records: list[models.Model], context: _Context
) -> Iterator[dict[str, Any]]:
    if spec.has_tags and records:
        context.themes_of = theme_names_by_record(model=spec.model, pks=[r.pk for r in records])
    for record in records:
        out = _serialize(spec, record, context)
        out.pop("files", None)
        yield out


def _with_about_keys(spec: SectionSpec, queryset: models.QuerySet) -> models.QuerySet:
    if any(f.kind is Kind.ABOUT for f in spec.fields):
        # The keys joined in the same query: a record created meanwhile cannot be missing.
        queryset = queryset.annotate(**{f"{t}_key": F(f"{t}__key") for t in ABOUT_SECTIONS})
    return queryset


def _serialize(spec: SectionSpec, record: models.Model, context: _Context) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field_spec in spec.fields:
        name, kind = field_spec.name, field_spec.kind
        if kind is Kind.TAGS:
            out[name] = sorted(context.themes_of.get(record.pk, ()), key=name_order)
        elif kind is Kind.ABOUT:
            out[name] = _about(record)
        elif kind is Kind.FILES:
            if not context.with_files:
                continue
            out[name] = files.export_files(record=record, dest_dir=context.files_dir)
        elif kind is Kind.DATE:
            value = getattr(record, name)
            out[name] = value.isoformat() if value is not None else None
        elif kind is Kind.NUMBER:
            out[name] = json_number(getattr(record, name))
        elif kind is Kind.FORMS:
            out[name] = split_forms(getattr(record, name))
        else:
            out[name] = getattr(record, name)
    return out


def _about(feedback: models.Model) -> dict[str, str] | None:
    for type_ in ABOUT_SECTIONS:
        key = getattr(feedback, f"{type_}_key")
        if key is not None:
            return {"type": type_, "key": key}
    return None
