"""Check a parsed kb-format document without the database: typed rows, or every problem.

Everything that can be told from the file alone is told here, all at once, so that a
staff member fixing a spreadsheet export sees the whole list in one go.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import Invalid, Problem
from .fields import About, check_key, check_theme_name, convert, show
from .spec import FORMAT, RELATED_KINDS, SECTIONS, SectionSpec


@dataclass(slots=True)
class Row:
    """One checked record: its key, its model field values, and what is not a column."""

    key: str  # the record's key; a theme's name; "" for the workshop
    index: int | None  # its position in the section's list; None for a single object
    values: dict[str, Any]
    tags: tuple[str, ...] = ()
    about: About | None = None
    files: tuple[Any, ...] = ()

    def where(self, section: str) -> str:
        """`section[key]` as error lines name the record."""
        return f"{section}[{self.key}]" if self.key else section


@dataclass
class Document:
    """The checked sections present in the file, in import order."""

    sections: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, section: str) -> list[Row]:
        """The rows of one section; empty when the file leaves it out."""
        return self.sections.get(section, [])

    def keys(self, section: str) -> set[str]:
        """The keys the file gives in one section."""
        return {row.key for row in self.rows(section)}


class _Object(dict):
    """A JSON object that remembers names given twice (json keeps only the last one)."""

    __slots__ = ("repeated",)


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    obj.repeated = ()
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.repeated = tuple(dict.fromkeys(n for n, _ in pairs if n in seen or seen.add(n)))
    return obj


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str) -> Any:
    """Parse JSON text, numbers with a fraction as exact Decimals; raises Invalid."""
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_object_from_pairs,
        )
    except json.JSONDecodeError as error:
        raise Invalid(
            f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except ValueError as error:
        raise Invalid(f"malformed JSON: {error}") from None


def validate_document(data: Any) -> tuple[Document, list[Problem]]:
    """Check a parsed document: the rows of every section, and all the problems found."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return Document(), [Problem("document", f"not a JSON object: {show(data)}")]
    problems += [Problem(name, "given more than once") for name in _repeated(data)]
    if "format" not in data:
        problems.append(Problem("format", f"missing (expected {FORMAT!r})"))
    elif data["format"] != FORMAT:
        problems.append(Problem("format", f"not {FORMAT!r}: {show(data['format'])}"))
    if "dataset" in data and not isinstance(data["dataset"], dict):
        problems.append(Problem("dataset", f"not an object: {show(data['dataset'])}"))
    for name in data:
        if name not in ("format", "dataset") and name not in SECTIONS:
            expected = ", ".join(SECTIONS)
            problems.append(Problem(name, f"unknown section (expected one of {expected})"))
    document = Document()
    for name, spec in SECTIONS.items():
        if name in data:
            document.sections[name] = _validate_section(spec, data[name], problems)
    return document, problems


def _validate_section(spec: SectionSpec, raw: Any, problems: list[Problem]) -> list[Row]:
    if not spec.many:
        if not isinstance(raw, dict):
            problems.append(Problem(spec.name, f"not an object: {show(raw)}"))
            return []
        row = _validate_record(spec, raw, None, problems)
        return [row] if row else []
    if not isinstance(raw, list):
        problems.append(Problem(spec.name, f"not a list: {show(raw)}"))
        return []
    rows = [row for i, item in enumerate(raw) if (row := _validate_record(spec, item, i, problems))]
    problems += _duplicates(spec, rows)
    return rows


def _validate_record(
    spec: SectionSpec, item: Any, index: int | None, problems: list[Problem]
) -> Row | None:
    at = spec.name if index is None else f"{spec.name}[{index}]"
    if not isinstance(item, dict):
        problems.append(Problem(at, f"not an object: {show(item)}"))
        return None
    key = _record_key(spec, item, at, problems)
    if key:
        at = f"{spec.name}[{key}]"
    problems += [
        Problem(f"{at}.{name}", "unknown field") for name in item if name not in spec.field_names
    ]
    problems += [Problem(f"{at}.{name}", "given more than once") for name in _repeated(item)]

    row = Row(key=key or "", index=index, values={})
    for field_spec in spec.fields:
        if field_spec.name == spec.key_field:
            continue
        if field_spec.name not in item:
            if field_spec.required:
                problems.append(Problem(f"{at}.{field_spec.name}", "missing (required)"))
                continue
            value = field_spec.default
        else:
            try:
                value = convert(field_spec, item[field_spec.name], model=spec.model)
            except Invalid as invalid:
                problems.append(Problem(f"{at}.{field_spec.name}{invalid.path}", invalid.message))
                continue
        if field_spec.kind in RELATED_KINDS:
            setattr(row, field_spec.name, value)
        else:
            row.values[field_spec.name] = value
    problems += _cross_field_problems(spec, row, at)
    # A record without a usable key cannot be matched; its other problems are reported all the same.
    return row if key is not None else None


def _record_key(spec: SectionSpec, item: dict, at: str, problems: list[Problem]) -> str | None:
    """The record's key ("" for the workshop), or None when it is missing or bad."""
    if spec.key_field is None:
        return ""
    if spec.key_field not in item:
        problems.append(Problem(f"{at}.{spec.key_field}", "missing (required)"))
        return None
    check = check_key if spec.key_field == "key" else check_theme_name
    try:
        return check(item[spec.key_field])
    except Invalid as invalid:
        problems.append(Problem(f"{at}.{spec.key_field}", invalid.message))
        return None


def _cross_field_problems(spec: SectionSpec, row: Row, at: str) -> Iterator[Problem]:
    issued, effective = row.values.get("issued_on"), row.values.get("effective_from")
    if issued and effective and effective < issued:
        yield Problem(
            f"{at}.effective_from",
            f"before issued_on ({effective.isoformat()} < {issued.isoformat()})",
        )


def _duplicates(spec: SectionSpec, rows: list[Row]) -> Iterator[Problem]:
    """Keys (theme names case-insensitively), presentation orders and theme slugs given twice."""
    first: dict[tuple[str, Any], Row] = {}
    for row in rows:
        if spec.name == "themes":
            claims = [("name", row.key.casefold()), ("slug", row.values.get("slug"))]
        else:
            claims = [("key", row.key), ("order", row.values.get("order"))]
        for name, value in claims:
            if value is None or value == "":
                continue
            other = first.setdefault((name, value), row)
            if other is not row:
                shown = row.key if name == spec.key_field else row.values[name]
                yield Problem(
                    f"{row.where(spec.name)}.{name}",
                    f"{show(shown)} at [{row.index}] is given already at [{other.index}]",
                )


def _repeated(obj: dict) -> tuple[str, ...]:
    return getattr(obj, "repeated", ())
