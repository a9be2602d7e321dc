"""The admin's spreadsheet pages: import from XLSX or CSV with a preview, export to XLSX.

django-import-export runs the pages (upload, preview, confirm, export); this chooses the
formats, bounds the upload, and lets staff who may add and change records import.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm

from sonla_kb.interchange.summary import Outcome

from .formats import SheetCSV, SheetXLSX
from .resources import SheetResult

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Problems shown as messages after a confirm that failed; the preview shows them all.
SHOWN_PROBLEMS = 20


class SheetImportForm(ImportForm):
    """The file to import and its format; a file over the limit is refused unread."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("Spreadsheet")
        self.fields["import_file"].help_text = _(
            "XLSX or CSV (UTF-8), at most %(size)s; the first row names the columns."
        ) % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
        self.fields["format"].label = _("Format")
        self.fields["resource"].label = _("Records")

    def clean_import_file(self):
        """Refuse an oversized file before it is read."""
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; a spreadsheet may be at most %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        return upload


class SheetExportForm(ExportForm):
    """The export's format (XLSX)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].label = _("Format")
        self.fields["resource"].label = _("Records")


class SpreadsheetAdminMixin(ImportExportMixin):
    """For a ModelAdmin with `resource_classes`: Import and Export beside Add on its list."""

    import_template_name = "admin/sonla_kb/spreadsheet_import.html"
    export_template_name = "admin/sonla_kb/spreadsheet_export.html"
    import_form_class = SheetImportForm
    export_form_class = SheetExportForm
    # The interchange writes the history of each record; the admin log gets a line too.
    skip_admin_log = False

    def get_import_formats(self) -> list:
        """XLSX and CSV."""
        return [SheetXLSX, SheetCSV]

    def get_export_formats(self) -> list:
        """XLSX."""
        return [SheetXLSX]

    def has_import_permission(self, request: HttpRequest) -> bool:
        """An import creates and changes records: it needs both permissions."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        """Whoever may see the records may take them away in a sheet."""
        return self.has_view_or_change_permission(request)

    def add_data_read_fail_error_to_form(self, form, e) -> None:
        """A file that is not what its format says: say so, without the technical detail."""
        form.add_error(
            "import_file",
            _(
                "This file cannot be read in the format chosen: is it an XLSX workbook, or a "
                "CSV file in UTF-8?"
            ),
        )

    def process_result(self, result: SheetResult, request: HttpRequest):
        """After the confirm: the list, or the import page again if the sheet no longer fits."""
        problems = result.report.problems
        if not problems:
            return super().process_result(result, request)
        # The database changed since the preview (a record it names was deleted ...).
        messages.error(
            request,
            ngettext(
                "Nothing was imported: the sheet has one problem now.",
                "Nothing was imported: the sheet has %(count)d problems now.",
                len(problems),
            )
            % {"count": len(problems)},
        )
        for problem in problems[:SHOWN_PROBLEMS]:
            messages.error(request, problem)
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_import"
        return HttpResponseRedirect(reverse(name))

    def add_success_message(self, result: SheetResult, request: HttpRequest) -> None:
        """One line: how many records were created, changed and left as they were."""
        report = result.report
        messages.success(
            request,
            gettext(
                "Imported: %(created)s created, %(updated)s changed, %(unchanged)s left as they "
                "were."
            )
            % {
                "created": report.count(Outcome.CREATED),
                "updated": report.count(Outcome.UPDATED),
                "unchanged": report.count(Outcome.UNCHANGED),
            },
        )
