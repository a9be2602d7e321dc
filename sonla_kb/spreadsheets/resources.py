"""django-import-export resources: one small class per kind of record.

A resource names its kb-format section; the columns, the checks and the writing all
come from the interchange (sonla_kb.interchange.spec), so a sheet obeys exactly the
rules of `import_kb`. A further kind of record is a section in the spec and a class here.
"""

from typing import ClassVar

import tablib
from import_export import fields, resources
from import_export.results import Error, Result, RowResult

from sonla_kb.interchange.exporter import serialize_records
from sonla_kb.interchange.spec import SECTIONS, SectionSpec
from sonla_kb.interchange.summary import Outcome

from .cells import to_cell
from .load import SheetReport, import_sheet
from .sheet import sheet_fields

_IMPORT_TYPES = {
    Outcome.CREATED: RowResult.IMPORT_TYPE_NEW,
    Outcome.UPDATED: RowResult.IMPORT_TYPE_UPDATE,
    Outcome.UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
}


class SheetResult(Result):
    """import-export's result of an import, carrying the sheet's report for the page."""

    def __init__(self, report: SheetReport) -> None:
        super().__init__()
        self.report = report


class SheetResource(resources.Resource):
    """One kb-format section as a spreadsheet: a row per record, a column per field."""

    section: ClassVar[str] = ""

    @classmethod
    def spec(cls) -> SectionSpec:
        """The kb-format section the sheet fills."""
        return SECTIONS[cls.section]

    @classmethod
    def get_display_name(cls) -> str:
        """The section's name, as the import and export pages show it."""
        return str(cls.spec().model._meta.verbose_name_plural)

    def get_user_visible_fields(self) -> list[fields.Field]:
        """The sheet's columns, as the import and export pages list them."""
        return [
            fields.Field(attribute=f.name, column_name=f.name) for f in sheet_fields(self.spec())
        ]

    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        """The records (all, or those of the admin list's filters) as a sheet."""
        spec = self.spec()
        columns = sheet_fields(spec)
        if queryset is None:
            queryset = spec.model._default_manager.all()
        dataset = tablib.Dataset(headers=[f.name for f in columns], title=spec.name)
        for record in serialize_records(spec=spec, queryset=queryset):
            dataset.append([to_cell(f.kind, record.get(f.name)) for f in columns])
        return dataset

    def import_data(self, dataset: tablib.Dataset, dry_run: bool = False, **kwargs) -> SheetResult:
        """Preview (dry_run) or import a sheet with the interchange's importer, all or nothing."""
        spec = self.spec()
        report = import_sheet(
            spec=spec,
            headers=list(dataset.headers or ()),
            rows=dataset,
            write=not dry_run,
            source=str(kwargs.get("file_name") or ""),
        )
        result = SheetResult(report)
        for problem in report.problems:
            result.append_base_error(Error(ValueError(problem)))
        records = {}
        if report.written:
            keys = [row.key for row in report.rows]
            records = spec.model._default_manager.in_bulk(keys, field_name="key")
        for row in report.rows:
            row_result = RowResult()
            row_result.import_type = _IMPORT_TYPES[row.outcome]
            row_result.instance = records.get(row.key)
            row_result.add_instance_info(row_result.instance)
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result


class PolicyResource(SheetResource):
    """Policy measures: one row each (their full text stays in the admin)."""

    section = "policies"


class IndicatorResource(SheetResource):
    """The figures that describe the sector."""

    section = "indicators"


class FeedbackResource(SheetResource):
    """Delegates' feedback; `about` is written type:key, e.g. policy:resolution-2019-12."""

    section = "feedback"


class TermResource(SheetResource):
    """Glossary terms; each language's forms in one cell, separated by semicolons."""

    section = "terms"
