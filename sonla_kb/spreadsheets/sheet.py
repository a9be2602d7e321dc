"""A sheet as a kb-format section: its columns checked, its rows turned into records.

Column names are the kb-format's field names (key, title, issued_on ...). A column left
out of the sheet leaves that field of an existing record as it is (so a sheet of keys
and statuses changes statuses only); a cell left empty means the kb-format's default,
as a field left out of a kb-format file does (empty text, no date, the default flag).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sonla_kb.interchange.errors import Problem
from sonla_kb.interchange.spec import FieldSpec, Kind, SectionSpec

from .cells import EMPTY, from_cell

# Long texts stay out of sheets: a spreadsheet cell holds 32,767 characters at most, and
# such texts are kept in the admin. Being left out, they are left as they are on import.
LEFT_OUT = frozenset({"body"})
# Rows per sheet: an import is checked and previewed whole, so it is bounded.
MAX_ROWS = 5000
FIRST_DATA_LINE = 2  # line 1 holds the column names

_WHERE = re.compile(r"(?P<section>[a-z_]+)(\[(?P<at>[^\]]*)\])?(\.(?P<field>.+))?")
_AT_INDEX = re.compile(r" at \[([0-9]+)\]")


def sheet_fields(spec: SectionSpec) -> tuple[FieldSpec, ...]:
    """The fields of a section that a sheet has columns for, in the format's order."""
    return tuple(f for f in spec.fields if f.kind is not Kind.FILES and f.name not in LEFT_OUT)


@dataclass
class Sheet:
    """The records a sheet gives (only the columns it has), and its problems so far."""

    columns: tuple[str, ...] = ()
    items: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the sheet line of each item
    problems: list[str] = field(default_factory=list)

    def line_of_key(self, key: str) -> int | None:
        """The first line that gives this key."""
        for item, line in zip(self.items, self.lines, strict=True):
            if item.get("key") == key:
                return line
        return None


def read_sheet(
    *, spec: SectionSpec, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> Sheet:
    """Check the column names and turn each non-empty row into a kb-format object."""
    sheet = Sheet()
    by_name = {f.name: f for f in sheet_fields(spec)}
    names: list[str | None] = []
    nameless: set[int] = set()
    for number, header in enumerate(headers, start=1):
        name = str(header).strip() if header is not None else ""
        if not name:
            nameless.add(number - 1)
            names.append(None)
        elif name not in by_name:
            expected = ", ".join(by_name)
            sheet.problems.append(
                _(
                    "Column %(column)s (“%(name)s”): not a column of this sheet; "
                    "the columns are: %(expected)s."
                )
                % {"column": number, "name": name, "expected": expected}
            )
            names.append(None)
        elif name in names:
            sheet.problems.append(
                _("Column %(column)s (“%(name)s”): given twice.") % {"column": number, "name": name}
            )
            names.append(None)
        else:
            names.append(name)
    if spec.key_field not in names:
        sheet.problems.append(
            _("The sheet has no “%(name)s” column: every row needs the record's key.")
            % {"name": spec.key_field}
        )
    sheet.columns = tuple(n for n in names if n)
    for line, cells in enumerate(rows, start=FIRST_DATA_LINE):
        if all(_blank(cell) for cell in cells):
            continue  # an empty row between records
        if len(sheet.items) == MAX_ROWS:
            sheet.problems.append(
                _("More than %(max)s rows: split the sheet into smaller ones.") % {"max": MAX_ROWS}
            )
            break
        if any(not _blank(cells[i]) for i in nameless if i < len(cells)):
            sheet.problems.append(
                _("Line %(line)s: a value in a column that has no name.") % {"line": line}
            )
        item: dict[str, Any] = {}
        for name, cell in zip(names, cells, strict=False):
            if name is not None:
                value = from_cell(by_name[name].kind, cell)
                if value is not EMPTY:
                    item[name] = value
        sheet.items.append(item)
        sheet.lines.append(line)
    return sheet


def sheet_problem(problem: Problem, *, sheet: Sheet) -> str:
    """A kb-format problem as one line a staff member finds in the sheet: "Line 4, title: …"."""
    match = _WHERE.fullmatch(problem.where)
    message = _AT_INDEX.sub(lambda m: " " + _line_text(sheet, int(m.group(1))), problem.message)
    if match is None:
        return f"{problem.where}: {message}"
    at, column = match.group("at"), match.group("field")
    line = None
    if at is not None:
        line = sheet.lines[int(at)] if at.isdigit() and int(at) < len(sheet.lines) else None
        if line is None:
            line = sheet.line_of_key(at)
    if line is None:
        return f"{column or problem.where}: {message}"
    if column is None:
        return _("Line %(line)s: %(message)s") % {"line": line, "message": message}
    return _("Line %(line)s, %(column)s: %(message)s") % {
        "line": line,
        "column": column,
        "message": message,
    }


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _line_text(sheet: Sheet, index: int) -> str:
    if index < len(sheet.lines):
        return _("on line %(line)s") % {"line": sheet.lines[index]}
    return f"at [{index}]"
