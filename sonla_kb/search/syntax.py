"""The query syntax every backend reads: fields, operators, and what makes a query unreadable."""

import re

from django.utils.translation import gettext as _

from .analysis import WORD_RE

USER_FIELDS = ("title", "tag", "type", "year", "speaker", "issuer", "number", "kind")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX_RE = re.compile(r"\b(\w+):")
_ONLY_STARS_RE = re.compile(r"^[\s*:]+$")
_YEAR_SPAN_RE = re.compile(r"\byear:(\d{4})-(\d{4})\b")
_FIELD_SPACE_RE = re.compile(r"\b(" + "|".join(USER_FIELDS) + r"):\s+(?=[^\s])")


def problem_in(text: str) -> str | None:
    """Why the parser cannot read this query as written, or None when it can."""
    if text.count('"') % 2:
        return _("an unclosed quote")
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return _("a closing parenthesis without an opening one")
    if depth:
        return _("an unclosed parenthesis")
    tokens = re.findall(r"[()]|[^\s()]+", text)
    for i, token in enumerate(tokens):
        if token not in OPERATORS:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        binary = token != "NOT"  # noqa: S105 - an operator, not a secret
        if after in (None, ")") or (after in OPERATORS and after != "NOT"):
            return _("'%(operator)s' with nothing after it") % {"operator": token}
        if binary and (before in (None, "(") or before in OPERATORS):
            return _("'%(operator)s' with nothing before it") % {"operator": token}
    for name in _FIELD_PREFIX_RE.findall(text):
        if name not in USER_FIELDS:
            return _("an unknown field '%(field)s:' (fields are %(fields)s)") % {
                "field": name,
                "fields": ", ".join(USER_FIELDS),
            }
    return None


def plain_words(text: str) -> list[str]:
    """The words of a query with every piece of syntax removed."""
    return [w.lower() if w in OPERATORS else w for w in WORD_RE.findall(text)]
