"""The query syntax every backend reads: fields, operators, what makes a query unreadable,
the words typed, and what the reading tells the user."""

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from .analysis import ENGLISH_STOP_WORDS, WORD_RE, fold
from .limits import MAX_EDITS, MAX_FUZZY_LENGTH

USER_FIELDS = ("title", "tag", "type", "year", "speaker", "issuer", "number", "kind")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX_RE = re.compile(r"\b(\w+):")
_ONLY_STARS_RE = re.compile(r"^[\s*:]+$")
# What makes a query more than plain words: it then means exactly what it says.
_SYNTAX_RE = re.compile(r"[\"():*?~\[\]{}^]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
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


def has_syntax(text: str) -> bool:
    """True when a query is more than plain words (quotes, operators, fields, wildcards)."""
    return bool(_SYNTAX_RE.search(text))


def only_stars(text: str) -> bool:
    """True for a query of stars alone ('*'), which matches every record."""
    return bool(_ONLY_STARS_RE.match(text))


def normalised(text: str) -> str:
    """ "year:2017-2020" as the year filter writes it; "title: OCOP" as "title:OCOP"."""
    return _YEAR_SPAN_RE.sub(r"year:[\1 TO \2]", _FIELD_SPACE_RE.sub(r"\1:", text))


def typed_words(text: str) -> tuple[str, ...]:
    """The words of a query as typed, without field names and operators."""
    return tuple(w for w in WORD_RE.findall(_FIELD_PREFIX_RE.sub(" ", text)) if w not in OPERATORS)


def relaxed_text(text: str, words: tuple[str, ...], *, searched: str) -> str | None:
    """What to search for records holding any of the query's meaningful words, or None.

    Only for a query of plain words, as typed (syntax means exactly what it says), of two
    or more words that are not English stop words; `searched` is the query as searched
    (with its glossary expansion, which is kept).
    """
    meaningful = [w for w in words if fold(w) not in ENGLISH_STOP_WORDS]
    if len(meaningful) < 2 or has_syntax(text):
        return None
    return " ".join(meaningful) if searched == text else searched


def every_record_notice() -> str:
    return _("'*' alone matches every record.")


def no_words_notice() -> str:
    return _("Your query has no letters or digits to search for.")


def unreadable_notice(problem: str) -> str:
    return _(
        "Your query could not be read as written (%(problem)s); it was searched as plain words."
    ) % {"problem": problem}


def ranges_notice() -> str:
    return _(
        "Ranges work only on years, as in year:[2017 TO 2020]; "
        "your query was searched as plain words."
    )


def limit_notices(near: Iterable[tuple[str, int]]) -> list[str]:
    """What the cost limits change in a query's near spellings (each word and its edits)."""
    near = list(near)
    notices = []
    if any(edits > MAX_EDITS for _word, edits in near):
        notices.append(
            _("A near spelling (word~) allows at most %(edits)s edits; it was searched so.")
            % {"edits": MAX_EDITS}
        )
    if any(len(word) > MAX_FUZZY_LENGTH for word, _edits in near):
        notices.append(
            _("Words longer than %(length)s letters are matched as typed, not as near spellings.")
            % {"length": MAX_FUZZY_LENGTH}
        )
    return notices
