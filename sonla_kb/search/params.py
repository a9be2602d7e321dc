"""The search parameters of search-api.md, validated: a bad one is named, never a 500."""

import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from .analysis import nfc
from .documents import TYPES

MAX_QUERY = 500
MAX_PER_PAGE = 100
SORTS = ("relevance", "newest", "oldest")
LANGS = ("en", "vi")
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")
_INT_RE = re.compile(r"^\s*\d{1,9}\s*$")
# Control characters (NUL included) carry no meaning in a query; tabs and newlines are spaces.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ParamError(ValueError):
    """A parameter with a value search cannot use; the message names it."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    year: tuple[int, int] | None = None
    lang: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 10
    correct: bool = True  # a query that finds nothing shows the results of its correction
    expand: bool = True  # the query is also searched in the other language (glossary)
    extra: dict = field(default_factory=dict, compare=False)


def parse_params(data: QueryDict | dict) -> SearchParams:
    """Read and check the parameters; raise ParamError naming the first bad one."""
    get = data.get
    getlist = data.getlist if hasattr(data, "getlist") else lambda k: _as_list(data.get(k))
    q = nfc(_CONTROL_RE.sub(" ", get("q") or "").strip())
    if len(q) > MAX_QUERY:
        raise ParamError("q", _("the query is longer than %(max)s characters") % {"max": MAX_QUERY})
    types = tuple(dict.fromkeys(t.strip().lower() for t in getlist("type") if t.strip()))
    for t in types:
        if t not in TYPES:
            raise ParamError(
                "type",
                _("unknown type %(type)r; use one of %(types)s")
                % {"type": t[:40], "types": ", ".join(TYPES)},
            )
    tags = tuple(dict.fromkeys(t.strip() for t in getlist("tag") if t.strip()))
    lang = (get("lang") or "").strip().lower() or None
    if lang is not None and lang not in LANGS:
        raise ParamError("lang", _("use 'en' or 'vi'"))
    sort = (get("sort") or "").strip().lower() or ("relevance" if q else "newest")
    if sort not in SORTS:
        raise ParamError("sort", _("use one of %(sorts)s") % {"sorts": ", ".join(SORTS)})
    return SearchParams(
        q=q,
        types=types,
        tags=tags,
        year=_year(get("year")),
        lang=lang,
        sort=sort,
        page=_positive("page", get("page"), default=1, upper=None),
        per_page=_positive("per_page", get("per_page"), default=10, upper=MAX_PER_PAGE),
        correct=_flag("correct", get("correct")),
        expand=_flag("expand", get("expand")),
    )


def _flag(name: str, raw: str | None) -> bool:
    if raw is None or not raw.strip():
        return True
    value = raw.strip().lower()
    if value not in ("0", "1"):
        raise ParamError(name, _("use 0 or 1"))
    return value == "1"


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _year(raw: str | None) -> tuple[int, int] | None:
    if raw is None or not raw.strip():
        return None
    match = _YEAR_RE.match(raw)
    if not match:
        raise ParamError("year", _("use a year (2019) or a range of years (2017-2020)"))
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if start > end:
        raise ParamError("year", _("the range must go from the earlier year to the later one"))
    return start, end


def _positive(name: str, raw: str | None, *, default: int, upper: int | None) -> int:
    if raw is None or not raw.strip():
        return default
    if not _INT_RE.match(raw) or int(raw) < 1:
        raise ParamError(name, _("must be a whole number from 1"))
    value = int(raw)
    if upper is not None and value > upper:
        raise ParamError(name, _("must be from 1 to %(upper)s") % {"upper": upper})
    return value
