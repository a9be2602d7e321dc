"""From what a researcher typed to a Whoosh query: syntax, fields, accents, filters.

Plain words search titles and the text of both languages, all words required. Where
the query carries accents, records with the same accents (``exact``) score a fixed
bonus per word, so they rank above records that match only once accents are folded.
"""

import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

from .analysis import WORD_RE, fold, has_accents, lower, stem
from .params import SearchParams
from .schema import FIELD_BOOSTS, TEXT_FIELDS, build_schema

USER_FIELDS = ("title", "tag", "type", "year", "speaker", "issuer", "number")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
EXACT_BONUS = 100.0
_FIELD_PREFIX_RE = re.compile(r"\b(\w+):")
_SCHEMA = build_schema()


@dataclass(frozen=True)
class ParsedQuery:
    query: wq.Query
    notice: str | None
    words: tuple[str, ...]  # the plain words, as typed, for spelling suggestions


def _parser() -> MultifieldParser:
    parser = MultifieldParser(list(TEXT_FIELDS), _SCHEMA, fieldboosts=FIELD_BOOSTS)
    parser.add_plugin(FuzzyTermPlugin())
    return parser


_PARSER = _parser()


def problem_in(text: str) -> str | None:
    """Why the parser cannot read this query as written, or None when it can."""
    if text.count('"') % 2:
        return "an unclosed quote"
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "a closing parenthesis without an opening one"
    if depth:
        return "an unclosed parenthesis"
    tokens = re.findall(r"[()]|[^\s()]+", text)
    for i, token in enumerate(tokens):
        if token not in OPERATORS:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        binary = token != "NOT"  # noqa: S105 - an operator, not a secret
        if after in (None, ")") or (after in OPERATORS and after != "NOT"):
            return f"'{token}' with nothing after it"
        if binary and (before in (None, "(") or before in OPERATORS):
            return f"'{token}' with nothing before it"
    for name in _FIELD_PREFIX_RE.findall(text):
        if name not in USER_FIELDS:
            return f"an unknown field '{name}:' (fields are {', '.join(USER_FIELDS)})"
    return None


def plain_words(text: str) -> list[str]:
    """The words of a query with every piece of syntax removed."""
    return [w.lower() if w in OPERATORS else w for w in WORD_RE.findall(text)]


def _stem_fuzzy_english(q: wq.Query) -> wq.Query:
    """Near spellings in English text are compared with stems, which the index holds.

    A stem may lose a word's ending ('branding' is held as 'brand'), so one more edit
    is allowed there.
    """
    if isinstance(q, wq.FuzzyTerm) and q.fieldname == "text_en":
        return wq.FuzzyTerm(
            "text_en",
            stem(fold(q.text)),
            boost=q.boost,
            maxdist=q.maxdist + 1,
            prefixlength=2,
        )
    return q


def parse_text(text: str) -> ParsedQuery:
    """Parse the user's query; unreadable syntax is searched as plain words, with a notice."""
    text = text.strip()
    if not text:
        return ParsedQuery(wq.Every(), None, ())
    notice = None
    problem = problem_in(text)
    if problem:
        words = plain_words(text)
        notice = (
            f"Your query could not be read as written ({problem}); it was searched as plain words."
        )
        text = " ".join(words)
        if not text:
            return ParsedQuery(wq.NullQuery, notice, ())
    parsed = _PARSER.parse(text).accept(_stem_fuzzy_english)
    words = tuple(w for w in WORD_RE.findall(_FIELD_PREFIX_RE.sub(" ", text)) if w not in OPERATORS)
    accented = [lower(w) for w in dict.fromkeys(words) if has_accents(w)]
    if accented:
        bonus = wq.Or([wq.ConstantScoreQuery(wq.Term("exact", w), EXACT_BONUS) for w in accented])
        parsed = wq.AndMaybe(parsed, bonus)
    return ParsedQuery(parsed, notice, words)


def filter_query(params: SearchParams, *, tag_slugs: list[str] | None) -> wq.Query | None:
    """The filters as one query (None when there is none). `tag_slugs` None: unknown theme."""
    parts: list[wq.Query] = []
    if params.types:
        parts.append(wq.Or([wq.Term("type", t) for t in params.types]))
    if params.tags:
        if tag_slugs is None:
            return wq.NullQuery
        parts.extend(wq.Term("tagid", slug) for slug in tag_slugs)
    if params.year:
        start, end = params.year
        parts.append(wq.TermRange("year", str(start), str(end)))
    if params.lang:
        parts.append(wq.Term("language", params.lang))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)
