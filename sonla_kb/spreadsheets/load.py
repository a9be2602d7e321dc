"""Preview or import a sheet: the interchange's importer does the checking and the writing.

The preview is the import itself, run in a transaction that is then rolled back: what
it shows as created, changed and left alone is exactly what the import will do, and a
sheet the import would refuse is refused in the preview, with every problem listed.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from sonla_kb.interchange.errors import ImportRejected, Problem
from sonla_kb.interchange.exporter import serialize_records
from sonla_kb.interchange.importer import import_data
from sonla_kb.interchange.spec import ABOUT_SECTIONS, FORMAT, Kind, SectionSpec
from sonla_kb.interchange.summary import Outcome

from .cells import to_cell
from .sheet import Sheet, read_sheet, sheet_problem

# Keys per IN query: under SQLite's 999 parameters.
BATCH = 500
# What a version written by a spreadsheet import says about itself (simple-history's reason).
REASON_PREFIX = "Spreadsheet import"
_ABOUT_COLUMNS = {f"{t}_id" for t in ABOUT_SECTIONS}


@dataclass
class Change:
    """One field an update changes: its column, the value before and after (as cells)."""

    column: str
    before: Any
    after: Any


@dataclass
class RowReport:
    """What the import does with one line of the sheet."""

    line: int
    key: str
    outcome: Outcome
    changes: list[Change] = field(default_factory=list)


@dataclass
class SheetReport:
    """The whole answer: every line's outcome, or every problem (then nothing is written)."""

    rows: list[RowReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    themes_created: int = 0
    written: bool = False

    def count(self, outcome: Outcome) -> int:
        """How many lines have this outcome."""
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def created(self) -> int:
        """Lines that create a record."""
        return self.count(Outcome.CREATED)

    @property
    def updated(self) -> int:
        """Lines that change a record."""
        return self.count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        """Lines that leave their record as it is."""
        return self.count(Outcome.UNCHANGED)


def import_sheet(
    *,
    spec: SectionSpec,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    write: bool,
    source: str = "",
) -> SheetReport:
    """Check a sheet as import_kb checks a file; write it only when `write` and all is well."""
    sheet = read_sheet(spec=spec, headers=headers, rows=rows)
    report = SheetReport(problems=list(sheet.problems))
    if spec.key_field not in sheet.columns:
        return report
    current = _current_records(spec, [str(item.get("key", "")) for item in sheet.items])
    items = [_merged(item, current, sheet) for item in sheet.items]
    started = timezone.now()
    try:
        with transaction.atomic():
            summary = import_data(data={"format": FORMAT, spec.name: items})
            if report.problems or not write:
                transaction.set_rollback(True)
    except ImportRejected as rejected:
        report.problems += [_problem_line(p, sheet) for p in rejected.problems]
        return report
    if report.problems:
        return report
    counts = summary.sections[spec.name]
    themes = summary.sections.get("themes")
    report.themes_created = themes.created if themes else 0
    for item, line in zip(items, sheet.lines, strict=True):
        key = item["key"]
        outcome = counts.outcomes.get(key, Outcome.UNCHANGED)
        changes = _changes(counts.changed.get(key, ()), current.get(key, {}), item, spec)
        report.rows.append(RowReport(line=line, key=key, outcome=outcome, changes=changes))
    if write:
        report.written = True
        _mark_versions(spec, report, since=started, source=source)
    return report


def _current_records(spec: SectionSpec, keys: list[str]) -> dict[str, dict[str, Any]]:
    """The records the sheet names that exist, as kb-format objects."""
    found: dict[str, dict[str, Any]] = {}
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), BATCH):
        queryset = spec.model._default_manager.filter(key__in=wanted[start : start + BATCH])
        found.update((obj["key"], obj) for obj in serialize_records(spec=spec, queryset=queryset))
    return found


def _merged(item: dict[str, Any], current: dict[str, dict[str, Any]], sheet: Sheet) -> dict:
    """An existing record keeps the fields the sheet has no column for."""
    existing = current.get(item.get("key"))
    if existing is None:
        return item
    kept = {name: value for name, value in existing.items() if name not in sheet.columns}
    return {**kept, **item}


def _problem_line(problem: Problem, sheet: Sheet) -> str:
    return sheet_problem(problem, sheet=sheet)


def _changes(
    names: Sequence[str], before: dict[str, Any], after: dict[str, Any], spec: SectionSpec
) -> list[Change]:
    kinds = {f.name: f.kind for f in spec.fields}
    columns: list[str] = []
    for name in names:
        column = "about" if name in _ABOUT_COLUMNS else name
        if column not in columns and column in kinds:
            columns.append(column)
    return [
        Change(
            column=column,
            before=to_cell(kinds[column], before.get(column)),
            after=to_cell(kinds[column], _normalised(kinds[column], after.get(column))),
        )
        for column in columns
    ]


def _normalised(kind: Kind, value: Any) -> Any:
    if kind is Kind.TAGS and value is not None:
        return sorted(dict.fromkeys(value), key=lambda n: (n.casefold(), n))
    return value


def _mark_versions(spec: SectionSpec, report: SheetReport, *, since: dt.datetime, source: str):
    """Say on each version the import wrote where it came from."""
    history = getattr(spec.model, "history", None)
    if history is None:
        return
    reason = f"{REASON_PREFIX}: {source}" if source else REASON_PREFIX
    keys = [row.key for row in report.rows if row.outcome is not Outcome.UNCHANGED]
    for start in range(0, len(keys), BATCH):
        history.filter(key__in=keys[start : start + BATCH], history_date__gte=since).update(
            history_change_reason=reason[:100]
        )
