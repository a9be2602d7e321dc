"""The shipped dataset in a fresh temporary database and index, and its documents.

Django is set up in this process on a temporary SQLite file, index and media folder
(the environment bench/run.py gives its children), so that the site's own search can be
called as /api/search/ calls it.
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..run import ROOT, child_env

DATASET = ROOT / "data" / "workshop" / "kb.json"


@dataclass(frozen=True)
class Record:
    """One public record as every engine sees it: the site's own document text."""

    id: str  # the record's key
    type: str
    language: str
    title: str
    text: str  # title, content, people, theme names and attached files' text
    tags: str  # the themes' names in English and Vietnamese
    fields: dict[str, str]  # type, year, speaker, issuer, number, tag slugs


def version(path: Path = DATASET) -> dict[str, str]:
    """Digests of the dataset and of its attached files, so a change of the data shows."""
    files = path.parent / "files"
    whole = hashlib.sha256()
    for item in sorted(p for p in files.rglob("*") if p.is_file()):
        whole.update(str(item.relative_to(files)).encode() + b"\0" + item.read_bytes())
    return {
        "kb.json sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        "files sha256": whole.hexdigest()[:16],
    }


def load(folder: Path, dataset: Path = DATASET, *, database_url: str | None = None) -> list[Record]:
    """Set Django up on `folder`, migrate, import the dataset, rebuild the index; the records.

    With `database_url` (PostgreSQL), the records go there, and both backends are built.
    """
    os.environ.update(child_env(folder))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("import_kb", str(dataset), stdout=open(os.devnull, "w"))  # noqa: SIM115
    from sonla_kb import search

    search.rebuild()
    if database_url:
        from django.test import override_settings

        with override_settings(SEARCH_BACKEND="postgres"):
            search.rebuild()
    return records()


def records() -> list[Record]:
    """Every public record, from the documents the site's index is built from."""
    from sonla_kb.search.documents import iter_documents

    return [_record(doc) for doc in iter_documents()]


def _record(doc: dict[str, Any]) -> Record:
    fields = {
        "type": doc["type"],
        "year": doc.get("year", ""),
        "speaker": doc.get("speaker", ""),
        "issuer": doc.get("issuer", ""),
        "number": doc.get("number", ""),
        "tagid": doc.get("tagid", "").replace(",", " "),
    }
    return Record(
        id=doc["key"],
        type=doc["type"],
        language=doc["language"],
        title=doc["title"],
        # Every text the site indexes for the record (its own language's, and translations
        # and theme names in the other): the baselines search the same words.
        text="\n\n".join(filter(None, [doc.get("text_en"), doc.get("text_vi")])),
        tags=doc.get("tag", ""),
        fields=fields,
    )


def split_into_segments(*, every: int = 3) -> int:
    """Save every `every`-th public record again, one commit each, as staff edits would.

    Each save reaches the index as a live update, so the index ends with several
    segments, as a site that has been edited since its last rebuild has. The text does
    not change. Returns the number of records saved.
    """
    from sonla_kb.search.documents import SOURCES

    saved = 0
    for source in SOURCES:
        for record in list(source.queryset())[::every]:
            record.save()
            saved += 1
    return saved
