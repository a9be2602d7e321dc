"""One spreadsheet cell as a kb-format value, and a kb-format value as a cell (pure).

Spreadsheets give numbers, dates and booleans as typed cells (XLSX) or as text (CSV).
Only the obvious readings are made here; anything else is passed on as it is, so that
the kb-format's own checks refuse it with their message (a date must be YYYY-MM-DD:
"01/12/2026" in a CSV file is refused, never guessed).
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from sonla_kb.interchange.spec import Kind

# A cell left empty: the field is not given, so the kb-format's default applies.
EMPTY = object()

TAG_SEPARATOR = ";"
# A glossary term's forms in one cell: "coffee; arabica coffee", or one per line (Alt+Enter).
_FORM_SEPARATORS = re.compile(r"[;\n]")
ABOUT_SEPARATOR = ":"
_TRUE = frozenset({"true", "yes", "1", "x", "có", "đúng"})
_FALSE = frozenset({"false", "no", "0", "không", "sai"})
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def from_cell(kind: Kind, value: Any) -> Any:
    """The kb-format value of a cell in a column of this kind; EMPTY for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "" if kind is Kind.TEXT else EMPTY
    if kind is Kind.TEXT:
        return _text(value)
    if kind in (Kind.KEY, Kind.ENUM):
        return _text(value).strip()
    if kind is Kind.DATE:
        return _date(value)
    if kind is Kind.BOOL:
        return _bool(value)
    if kind is Kind.INT:
        return _int(value)
    if kind is Kind.NUMBER:
        return _number(value)
    if kind is Kind.TAGS:
        names = (name.strip() for name in _text(value).split(TAG_SEPARATOR))
        return [name for name in names if name]
    if kind is Kind.FORMS:
        forms = (form.strip() for form in _FORM_SEPARATORS.split(_text(value)))
        return [form for form in forms if form]
    if kind is Kind.ABOUT:
        type_, sep, key = _text(value).strip().partition(ABOUT_SEPARATOR)
        return {"type": type_.strip(), "key": key.strip()} if sep else _text(value)
    raise ValueError(f"no spreadsheet column for {kind}")


def to_cell(kind: Kind, value: Any) -> Any:
    """A kb-format value as a spreadsheet cell: dates as YYYY-MM-DD text, lists joined by ;."""
    if value is None:
        return ""
    if kind in (Kind.TAGS, Kind.FORMS):
        return f"{TAG_SEPARATOR} ".join(value)
    if kind is Kind.ABOUT:
        return f"{value['type']}{ABOUT_SEPARATOR}{value['key']}"
    return value


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value if isinstance(value, str) else str(value)


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value).strip()


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = _text(value).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return _text(value)


def _int(value: Any) -> Any:
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value).strip()
    return int(text) if _WHOLE.fullmatch(text) else text


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 88.77, not 88.769999...
        return Decimal(repr(value))
    text = _text(value).strip()
    # "23,312" could be 23312 or 23.312: a comma is refused rather than guessed.
    return Decimal(text) if _DECIMAL.fullmatch(text) else text
