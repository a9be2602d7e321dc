"""Import a kb-format file: check everything first, then write it all in one transaction."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from sonla_kb.progress import ProgressFactory, quiet
from sonla_kb.search.changes import gathered_changes

from . import about, files, ordering, vocabulary
from .errors import ImportRejected, Invalid, Problem
from .schema import Document, parse_json, validate_document
from .spec import SECTIONS
from .summary import ImportSummary
from .upsert import upsert_section, upsert_workshop


def read_document(*, path: Path) -> Any:
    """Read and parse a kb-format file; ImportRejected if it is not readable UTF-8 JSON."""
    try:
        # utf-8-sig: spreadsheet tools often put a byte order mark before UTF-8 text.
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportRejected([Problem(str(path), f"cannot be read: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start} cannot be decoded)"
        raise ImportRejected([Problem(str(path), message)]) from None
    try:
        return parse_json(text)
    except Invalid as invalid:
        raise ImportRejected([Problem(str(path), invalid.message)]) from None


def import_file(*, path: Path, progress: ProgressFactory = quiet) -> ImportSummary:
    """Import one kb-format file, all or nothing; ImportRejected lists every problem."""
    return import_data(data=read_document(path=path), base_dir=path.parent, progress=progress)


def import_data(
    *, data: Any, base_dir: Path | None = None, progress: ProgressFactory = quiet
) -> ImportSummary:
    """Import a parsed kb-format document, all or nothing; ImportRejected lists every problem."""
    document, problems = validate_document(data)
    # Attached files are read and checked before the transaction: extraction takes a while.
    problems += files.file_problems(document=document, base_dir=base_dir)
    # The search index takes the import's changes in bulk at the end, in its transaction.
    with files.removed_on_rollback(), transaction.atomic(), gathered_changes():
        # Read in the same transaction as the writes, so the checks hold for them.
        problems += _database_problems(document)
        if problems:
            raise ImportRejected(_in_section_order(problems))
        return _write(document, base_dir=base_dir, progress=progress)


def _database_problems(document: Document) -> list[Problem]:
    """What only the database can tell: references, running-order clashes, slugs in use."""
    return [
        *vocabulary.slug_problems(rows=document.rows("themes")),
        *ordering.order_problems(rows=document.rows("presentations")),
        *about.about_problems(document=document),
    ]


def _write(
    document: Document, *, base_dir: Path | None, progress: ProgressFactory
) -> ImportSummary:
    total = sum(len(rows) for rows in document.sections.values())
    with progress(total=total, label="Importing") as bar:
        return _write_sections(document, base_dir=base_dir, advance=bar.update)


def _write_sections(
    document: Document, *, base_dir: Path | None, advance: Callable[[int], object]
) -> ImportSummary:
    summary = ImportSummary()
    themes = vocabulary.ThemeIndex()
    if "themes" in document.sections:
        vocabulary.sync_themes(rows=document.rows("themes"), index=themes)
        summary.sections["themes"] = themes.counts
        advance(len(document.rows("themes")))
    for name, rows in document.sections.items():
        if name == "themes":
            continue
        if name == "workshop":
            summary.sections[name] = upsert_workshop(row=rows[0])
            advance(len(rows))
            continue
        if name == "presentations":
            ordering.park_moving_presentations(rows=rows)
        summary.sections[name] = upsert_section(
            spec=SECTIONS[name],
            rows=rows,
            themes=themes,
            base_dir=base_dir,
            extra_values=about.about_values if name == "feedback" else None,
            advance=advance,
        )
    if themes.counts.created and "themes" not in summary.sections:
        # Themes created because a record named them are reported too.
        summary.sections = {"themes": themes.counts, **summary.sections}
    return summary


def _in_section_order(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by section in the format's order, each keeping its place within it."""
    rank = {name: i for i, name in enumerate(("format", *SECTIONS))}

    def section_rank(problem: Problem) -> int:
        head = problem.where.split("[", 1)[0].split(".", 1)[0]
        return rank.get(head, -1)

    return sorted(problems, key=section_rank)
