"""The file formats of the admin's spreadsheet pages, bounded and safe to open.

Reading: an XLSX file is refused when it would unpack to far more than it weighs (a
ZIP bomb), and only the first rows a sheet may have are read. Writing: every text is
written as text, so a title that starts with "=" is never a formula in Excel.
"""

import io
import zipfile

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .sheet import FIRST_DATA_LINE, MAX_ROWS

MAX_COLUMNS = 100
# What the parts of an XLSX file may unpack to, together.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class UnreadableSheet(ValueError):
    """The file is not a workbook this site will open."""


class SheetXLSX(base_formats.XLSX):
    """XLSX, read within bounds and written with text as text."""

    def create_dataset(self, in_stream) -> tablib.Dataset:
        """The first sheet's rows (at most one more than a sheet may have), as a Dataset."""
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
                unpacked = sum(member.file_size for member in archive.infolist())
        except zipfile.BadZipFile as error:
            raise UnreadableSheet(str(error)) from None
        if unpacked > MAX_UNPACKED_BYTES:
            raise UnreadableSheet("the workbook unpacks to more than 100 MB")
        book = load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = book.active.iter_rows(
                max_row=MAX_ROWS + FIRST_DATA_LINE, max_col=MAX_COLUMNS, values_only=True
            )
            dataset = tablib.Dataset()
            header = next(rows, ())
            dataset.headers = list(header)
            for row in rows:
                dataset.append(list(row) + [None] * (len(header) - len(row)))
            return dataset
        finally:
            book.close()

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> bytes:
        """The dataset as an XLSX workbook: bold column names, frozen, strings as strings."""
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=(dataset.title or "Sheet")[:31])
        sheet.freeze_panes = "A2"
        header = []
        for name in dataset.headers or ():
            cell = WriteOnlyCell(sheet, value=str(name))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in dataset:
            sheet.append([_cell(sheet, value) for value in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _cell(sheet, value):
    if not isinstance(value, str):
        return value
    # Control characters cannot be stored in XLSX; the rest of the text is kept.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


class SheetCSV(base_formats.CSV):
    """CSV in UTF-8 (a byte order mark is welcome), as spreadsheet programs write it."""
