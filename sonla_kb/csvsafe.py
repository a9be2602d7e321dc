"""CSV cells that a spreadsheet will show as text, never run as a formula (OWASP CSV injection).

Every CSV export writes each cell through ``safe_cell``. A cell is prefixed with ``'``
(which Excel, LibreOffice and Google Sheets take as "this is text" and do not display)
when it begins with what OWASP lists, ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, and also when such a sign comes after leading spaces, line breaks or invisible
characters (spreadsheets skip them), or in its full-width or small form (``＝``, ``＋``,
``－``, ``＠``, ``﹦`` …, which some spreadsheets read as the ASCII sign).

Numbers stay numbers: a value of a number field is never prefixed, and neither is text
that is only a signed number, such as ``-5``, ``+84`` or ``-1.5``, since no formula can
hide in it; ``-2+3`` is a formula and is prefixed.
"""

import re
import unicodedata
from decimal import Decimal
from typing import Any

FORMULA_SIGNS = frozenset("=+-@")
# Tab and carriage return start a formula as they are (OWASP), before any stripping.
CONTROL_STARTS = ("\t", "\r")
# Characters a spreadsheet passes over before it reads the first sign.
_SKIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)%?")


def _first_visible(text: str) -> str:
    """The text from its first visible character on, full-width signs made ASCII (NFKC)."""
    folded = unicodedata.normalize("NFKC", text)
    start = 0
    while start < len(folded) and (
        folded[start].isspace() or unicodedata.category(folded[start]) in _SKIPPED_CATEGORIES
    ):
        start += 1
    return folded[start:]


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    if text.startswith(CONTROL_STARTS):
        return True
    head = _first_visible(text)
    return bool(head) and head[0] in FORMULA_SIGNS and not _PLAIN_NUMBER.fullmatch(head.rstrip())


def safe_cell(value: Any) -> str:
    """The value as CSV cell text, defused when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if isinstance(value, int | float | Decimal):
        return text  # a number from a number field is data: -5 stays -5
    if is_formula(text):
        return "'" + text
    return text


def safe_row(values: list[Any] | tuple[Any, ...]) -> list[str]:
    """Every cell of a row through safe_cell."""
    return [safe_cell(value) for value in values]
