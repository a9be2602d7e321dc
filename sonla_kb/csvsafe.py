"""CSV cells that a spreadsheet will show as text, never run as a formula (OWASP CSV injection).

Every CSV export writes each cell through ``safe_cell``: a value that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'``, which
Excel, LibreOffice and Google Sheets take as "this is text" and do not display.
"""

from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The value as CSV cell text, defused when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if isinstance(value, int | float | Decimal):
        return text  # a number from a number field is data: -5 stays -5
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(values: list[Any] | tuple[Any, ...]) -> list[str]:
    """Every cell of a row through safe_cell."""
    return [safe_cell(value) for value in values]
