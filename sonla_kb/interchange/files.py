"""Files attached to presentations and the study (slide decks, reports).

A record's `files` is a list of `{"path": ..., "title": ...}`, the path relative to the
JSON file's folder. An import checks every file (path, content, text) before it writes
anything; a file is stored only once the whole document is known to be good, and is
removed again if the transaction rolls back. Files are matched within their record by
name: the same name with the same content changes nothing.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from sonla_kb.attachments import services
from sonla_kb.attachments.models import Attachment
from sonla_kb.attachments.naming import EXTENSIONS, extension_of, unicode_name
from sonla_kb.attachments.validation import Inspection, inspect_upload

from .errors import ImportRejected, Invalid, Problem

FILE_FIELDS = ("path", "title")
MAX_PATH = 1000
MAX_TITLE = Attachment._meta.get_field("title").max_length
# The sections whose records carry files, and where an export puts them.
FILE_SECTIONS = ("study", "presentations")

removed_on_rollback = services.files_removed_on_rollback


@dataclass(slots=True)
class FileEntry:
    """One entry of a record's `files`; `inspection` is filled once the file has been checked."""

    path: str
    title: str
    inspection: Inspection | None = None

    @property
    def name(self) -> str:
        """The file's own name, the last part of its path."""
        return PurePosixPath(self.path).name


def check_files(value: Any) -> tuple[FileEntry, ...]:
    """Validate a record's `files` list without reading any file (pure)."""
    if not isinstance(value, list):
        raise Invalid("not a list of files")
    entries: list[FileEntry] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        entry = _check_entry(item, i)
        other = seen.setdefault(entry.name.casefold(), i)
        if other != i:
            raise Invalid(
                f"a file named {entry.name!r} is given already at [{other}]", path=f"[{i}].path"
            )
        entries.append(entry)
    return tuple(entries)


def _check_entry(item: Any, i: int) -> FileEntry:
    if not isinstance(item, dict):
        raise Invalid("not an object with path and title", path=f"[{i}]")
    for name in item:
        if name not in FILE_FIELDS:
            raise Invalid("unknown field", path=f"[{i}].{name}")
    if "path" not in item:
        raise Invalid("missing (required)", path=f"[{i}].path")
    try:
        path = check_path(item["path"])
    except Invalid as invalid:
        raise Invalid(invalid.message, path=f"[{i}].path") from None
    title = item.get("title", "")
    if not isinstance(title, str) or "\x00" in title:
        raise Invalid("not a string without NUL characters", path=f"[{i}].title")
    if len(title) > MAX_TITLE:
        raise Invalid(f"longer than {MAX_TITLE} characters", path=f"[{i}].title")
    return FileEntry(path=path, title=title)


def check_path(value: Any) -> str:
    """A relative path inside the JSON file's folder, '/'-separated, naming a PDF, PPTX or DOCX."""
    if not isinstance(value, str) or not value:
        raise Invalid("not a non-empty string")
    if len(value) > MAX_PATH or "\x00" in value:
        raise Invalid("not a usable path")
    if "\\" in value:
        raise Invalid(f"use '/' between folders, not '\\': {value!r}")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        raise Invalid(f"an absolute path; give it relative to the JSON file's folder: {value!r}")
    parts = value.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise Invalid(f"must stay inside the JSON file's folder, without '..': {value!r}")
    if extension_of(parts[-1]) not in EXTENSIONS:
        raise Invalid(f"not the name of a .pdf, .pptx, .docx, .png or .jpg file: {value!r}")
    return value


def file_problems(*, document: Any, base_dir: Path | None) -> list[Problem]:
    """Read and check every listed file (before any write); their inspections are kept."""
    problems = []
    for section in FILE_SECTIONS:
        for row in document.rows(section):
            for i, entry in enumerate(row.files):
                where = f"{row.where(section)}.files[{i}].path"
                try:
                    entry.inspection = _inspect(entry, base_dir)
                except Invalid as invalid:
                    problems.append(Problem(where, invalid.message))
    return problems


def _inspect(entry: FileEntry, base_dir: Path | None) -> Inspection:
    if base_dir is None:
        raise Invalid("files can only be imported from a JSON file, relative to its folder")
    source = _source(entry, base_dir)
    try:
        with open(source, "rb") as handle:
            return inspect_upload(name=entry.name, fileobj=handle)
    except OSError as error:
        raise Invalid(f"cannot be read: {error.strerror}") from None
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from None


def _source(entry: FileEntry, base_dir: Path) -> Path:
    """The file on disk; refused if it is missing or lies outside the folder (by a link)."""
    base = base_dir.resolve()
    path = (base / entry.path).resolve()
    if not path.is_relative_to(base):
        raise Invalid(f"leads outside the JSON file's folder: {entry.path!r}")
    if not path.is_file():
        raise Invalid(f"no such file in the JSON file's folder: {entry.path!r}")
    return path


def sync_files(*, record: models.Model, files: tuple[Any, ...], base_dir: Path | None) -> bool:
    """Attach the listed files to a saved record; True if anything changed. Never deletes."""
    if not files:
        return False
    current = {a.original_name: a for a in record.attachments.all()}
    changed = False
    for i, entry in enumerate(files):
        inspection = entry.inspection
        attachment = current.get(entry.name)
        if attachment is not None and attachment.sha256 == inspection.sha256:
            if attachment.title != entry.title:
                attachment.title = entry.title
                attachment.save(update_fields=["title", "updated_at"])
                changed = True
            continue
        data = _read_checked(entry, base_dir, record, i)
        if attachment is None:
            services.attach_file(
                record=record,
                name=entry.name,
                data=data,
                title=entry.title,
                inspection=inspection,
            )
        else:
            attachment.title = entry.title
            services.replace_file(
                attachment=attachment, name=entry.name, data=data, inspection=inspection
            )
        changed = True
    return changed


def _read_checked(entry: FileEntry, base_dir: Path, record: models.Model, i: int) -> bytes:
    """The file's bytes, as they were when checked (a file changed meanwhile is refused)."""
    data = _source(entry, base_dir).read_bytes()
    if hashlib.sha256(data).hexdigest() != entry.inspection.sha256:
        section = _section_of(record)
        where = f"{section}[{record.key}].files[{i}].path"
        raise ImportRejected([Problem(where, "the file changed while it was being imported")])
    return data


def _section_of(record: models.Model) -> str:
    return "study" if record._meta.label_lower == "policies.study" else "presentations"


def export_files(*, record: models.Model, dest_dir: Path | None) -> list[dict[str, str]]:
    """The record's `files` entries, copying the files beside the exported JSON."""
    entries = []
    used: set[str] = set()
    # Sorted in Python, not by the database's collation: the same order on SQLite and PostgreSQL.
    attachments = sorted(record.attachments.all(), key=lambda a: (a.original_name, a.pk))
    for attachment in attachments:
        name = _unique(unicode_name(attachment.original_name, kind=attachment.kind), used)
        path = f"files/{_section_of(record)}/{record.key}/{name}"
        if dest_dir is not None:
            _copy_out(attachment, dest_dir / path)
        entries.append({"path": path, "title": attachment.title})
    return entries


def _unique(name: str, used: set[str]) -> str:
    stem, _, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}.{ext}"
    used.add(candidate.casefold())
    return candidate


def _copy_out(attachment: Attachment, target: Path) -> None:
    """Write the stored file to `target`, unless the same bytes are there already."""
    if (
        target.is_file()
        and target.stat().st_size == attachment.size
        and hashlib.sha256(target.read_bytes()).hexdigest() == attachment.sha256
    ):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed into place: never a half-written file.
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", delete=False
    ) as out:
        try:
            with attachment.file.open("rb") as source:
                for chunk in source.chunks():
                    out.write(chunk)
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    os.chmod(out.name, 0o644)  # a temporary file is private; an exported file is not
    os.replace(out.name, target)
