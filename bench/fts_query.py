"""A query in SQLite FTS5 syntax, as a simple search box would pass it.

Each word is quoted, `"phrases"`, `prefix*`, `OR`, `NOT`, `AND` and parentheses are kept, and
a field (`title:` …) becomes an FTS5 column filter where the table has that column. Shared by
the speed benchmark (`bench/fts.py`) and the relevance harness (`bench/relevance/engines.py`).
"""

import re
from collections.abc import Mapping

_TOKEN_RE = re.compile(r'(?:\w+:)?"[^"]*"|[()]|[^\s()"]+', re.UNICODE)
OPERATORS = {"AND", "OR", "NOT"}


def match_expression(q: str, *, fields: Mapping[str, str]) -> str:
    """The query in FTS5 syntax; "" when nothing in it can be searched.

    `fields` maps a query field (`title`) to the FTS5 column or column set it filters on.
    """
    parts: list[str] = []
    for piece in _TOKEN_RE.findall(q):
        if piece in OPERATORS or piece == ")":
            parts.append(piece)
            continue
        operand = "(" if piece == "(" else _operand(piece, fields=fields)
        if not operand:
            continue
        # FTS5 joins bare phrases by AND, but not a group and what follows it.
        if parts and parts[-1] not in OPERATORS and parts[-1] != "(":
            parts.append("AND")
        parts.append(operand)
    return " ".join(parts)


def _operand(token: str, *, fields: Mapping[str, str]) -> str | None:
    field, sep, value = token.partition(":")
    column = ""
    if sep and not token.startswith('"') and field.lower() in fields:
        column = fields[field.lower()] + " : "
        token = value
    if not token:
        return None
    prefix = token.endswith("*") and not token.startswith('"')
    text = token.strip('"').rstrip("*") if prefix else token.strip('"')
    if not any(ch.isalnum() for ch in text):
        return None
    return column + '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")
