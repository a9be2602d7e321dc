"""From what a researcher typed to PostgreSQL tsqueries, read as the Whoosh backend reads it.

The syntax (sonla_kb/search/syntax.py) is the same: words all required, ``"phrases"``
(``<->``), ``prefix*`` (``:*``), ``word~`` near spellings (words of the vocabulary within
the edits, found with pg_trgm), ``OR``, ``NOT``, ``-word``, parentheses, ``field:word`` and
``year:[2017 TO 2020]``. Words are matched in the text of both languages; titles, exact
accents and words side by side add to the score as bonuses, as in Whoosh.
"""

import re
from dataclasses import dataclass, field

from ...analysis import ENGLISH_STOP_WORDS, WORD_RE, fold, folded_word
from ...bonuses import EXACT_BONUS, PAIR_BONUS, bonuses_for
from ...glossary import expand_text
from ...limits import (
    MAX_EDITS,
    MAX_EXPANDING,
    MAX_FUZZY_LENGTH,
    MAX_QUERY_TERMS,
    MAX_SCANNED,
    MAX_TERMS,
    Budget,
    too_many_notice,
    too_wide_notice,
)
from ...syntax import (
    every_record_notice,
    limit_notices,
    no_words_notice,
    normalised,
    only_stars,
    plain_words,
    problem_in,
    ranges_notice,
    relaxed_text,
    typed_words,
    unreadable_notice,
)
from . import vocabulary
from .tokens import LETTER, MAKE, lexeme, quoted

EVERY = "*"  # the query matching every record (not a tsquery)
NOTHING = "-"  # a part no record can match (a prefix or near spelling of no indexed word)
TITLE_BONUS = 2.5
MAX_YEARS = 200
TOKEN_RE = re.compile(
    r"(?P<paren>[()])|(?P<neg>-(?=\S))?(?:(?P<field>\w+):)?"
    r'(?:"(?P<phrase>[^"]*)"|\[(?P<range>[^\]]*)\]|(?P<word>[^\s()"]+))'
)
_BOOST_RE = re.compile(r"\^[\d.]*$")
_FUZZY_RE = re.compile(r"^(.*?)~(\d*)$")


@dataclass
class Parsed:
    match: str | None  # a tsquery, EVERY, or None (nothing can match)
    notices: list[str]
    words: tuple[str, ...]  # the plain words, as typed, for spelling suggestions
    expanded: tuple[str, ...] = ()
    relaxed: str | None = None  # any of the plain words, for when all find too few
    # The relaxed query's words (or glossary groups), each a tsquery: rarer ones rank higher.
    pieces: list["Piece"] = field(default_factory=list)
    bonuses: list[tuple[str, float]] = field(default_factory=list)
    marked: set[str] = field(default_factory=set)  # lexemes the query matches, to mark


@dataclass(frozen=True)
class Piece:
    """A word or phrase of a relaxed query: its tsquery, the lexemes of each of its fields
    (side by side), and its boost (the glossary's forms weigh less than the words typed)."""

    query: str
    options: tuple[tuple[str, ...], ...]
    boost: float


def _boost(found: re.Match | None) -> float:
    try:
        return float(found.group()[1:]) if found else 1.0
    except ValueError:
        return 1.0


class _Reader:
    """A small recursive-descent reader of the syntax, compiling as it goes."""

    def __init__(
        self, text: str, *, budget: Budget, notices: list[str], marked: set[str], any_of=False
    ):
        self.any_of = any_of  # implicit groups join with OR (the relaxed query)
        self.tokens = list(TOKEN_RE.finditer(text))
        self.at = 0
        self.budget = budget
        self.notices = notices
        self.marked = marked
        self.expanding = 0
        self.terms = 0
        self.pieces: dict[str, Piece] = {}  # the words and phrases of a relaxed query

    def peek(self) -> str | None:
        if self.at >= len(self.tokens):
            return None
        m = self.tokens[self.at]
        return m.group("paren") or (m.group("word") if not m.group("field") else None) or ""

    def query(self) -> str | None:
        parts = [self.all_of()]
        while self.peek() == "OR":
            self.at += 1
            parts.append(self.all_of())
        return _any(parts)

    def all_of(self) -> str | None:
        required: list[str | None] = []
        optional: list[str] = []
        negated: list[str] = []
        while self.peek() not in (None, ")", "OR"):
            token = self.peek()  # an operator or a word, never a secret
            if token in ("AND", "ANDMAYBE"):
                self.at += 1
                if token == "ANDMAYBE":  # noqa: S105 - an operator
                    part = self.unary()
                    if part:
                        optional.append(part)
                continue
            if token in ("NOT", "ANDNOT"):
                self.at += 1
                part = self.unary()
                if part:
                    negated.append(part)
                continue
            negative = bool(self.tokens[self.at].group("neg"))
            stop = self._stop_word()
            part = self.unary()
            if negative and part:
                negated.append(part)
            elif stop and part:
                optional.append(part)
            else:
                required.append(part)
        required = [p for p in required if p]  # words no analysis keeps are left out
        if not required and optional:  # stop words alone are what was asked for
            required, optional = list(optional), []
        if self.any_of:
            required = [_any(required + optional)] if required or optional else []
        if NOTHING in required:
            return NOTHING
        if not required:
            return None
        if EVERY in required:
            required = [p for p in required if p != EVERY] or [EVERY]
            if required == [EVERY]:
                return EVERY
        main = " & ".join(f"({p})" for p in required)
        if negated:
            main = f"({main}) & !({_any(negated)})"
        return main

    def _stop_word(self) -> bool:
        m = self.tokens[self.at]
        word = m.group("word")
        return bool(
            word and not m.group("field") and (fold(word) in ENGLISH_STOP_WORDS or len(word) < 2)
        )

    def unary(self) -> str | None:
        m = self.tokens[self.at]
        self.at += 1
        if m.group("paren") == "(":
            inner = self.query()
            if self.peek() == ")":
                self.at += 1
            return inner
        if m.group("paren") == ")":
            return None
        name = m.group("field")
        if m.group("phrase") is not None:
            following = self.tokens[self.at].group("word") if self.at < len(self.tokens) else None
            boost = _BOOST_RE.fullmatch(following or "")
            if boost:  # '"phrase"^0.3', as the glossary expansion writes it
                self.at += 1
            return self.phrase(name, m.group("phrase"), boost=_boost(boost))
        if m.group("range") is not None:
            return self.years(m.group("range"))
        text = m.group("word")
        return self.word(name, _BOOST_RE.sub("", text), boost=_boost(_BOOST_RE.search(text)))

    def _fields(self, name: str | None) -> list[str]:
        if name is None:
            return ["text_en", "text_vi"]
        return [name]

    def _words(self, name: str | None, text: str, *, boost: float) -> str | None:
        """The words of a phrase (or of one typed word) side by side, in each field."""
        options, found = [], []
        for fieldname in self._fields(name):
            words = list(MAKE[fieldname](text))
            if not words:
                continue
            lexemes = [lexeme(LETTER[fieldname], w) for w in words]
            self.marked.update(lexemes)
            options.append(" <-> ".join(quoted(x) for x in lexemes))
            found.append(tuple(lexemes))
        result = _any(options) if options else None
        if self.any_of and result:
            self.pieces.setdefault(result, Piece(result, tuple(found), boost))
        return result

    def phrase(self, name: str | None, text: str, *, boost: float = 1.0) -> str | None:
        return self._words(name, text, boost=boost)

    def years(self, text: str) -> str | None:
        bounds = re.findall(r"\d{4}", text)
        if len(bounds) != 2:
            return None
        first, last = int(bounds[0]), int(bounds[1])
        years = range(first, min(last, first + MAX_YEARS) + 1)
        return _any([quoted(lexeme("Y", str(y))) for y in years])

    def word(self, name: str | None, text: str, *, boost: float = 1.0) -> str | None:
        fuzzy = _FUZZY_RE.match(text)
        if fuzzy and fuzzy.group(1):
            return self.near(name, fuzzy.group(1), int(fuzzy.group(2) or 1))
        if "*" in text or "?" in text:
            head = re.split(r"[*?]", text, maxsplit=1)[0]
            if not WORD_RE.search(text):
                return EVERY
            if head and text == head + "*" and WORD_RE.fullmatch(fold(head)):
                return self.prefix(name, head)
            return self.prefix(name, head, pattern=text)
        return self._words(name, text, boost=boost)

    def _expanding(self) -> bool:
        self.expanding += 1
        if self.expanding > MAX_EXPANDING:
            self.budget.note(too_many_notice(MAX_EXPANDING))
            return False
        return True

    def prefix(self, name: str | None, head: str, pattern: str | None = None) -> str | None:
        options = []
        for fieldname in self._fields(name):
            if not self._expanding():
                options.append(self.word(fieldname, head) if head else None)
                continue
            start = lexeme(LETTER[fieldname], fold(head))
            room = min(MAX_TERMS, MAX_QUERY_TERMS - self.terms)
            if pattern is None:
                found = vocabulary.starting(start, limit=room + 1)
            else:
                found = self._matching(start, pattern, room + 1, fieldname)
            typed = head if pattern is None else pattern
            if len(found) > room:
                self.budget.note(too_wide_notice(typed))
                found = found[:room]
                options.extend(quoted(x) for x in found)
            elif found and pattern is None:
                options.append(f"{quoted(start)}:*")
            else:
                options.extend(quoted(x) for x in found)
            self.terms += len(found)
            self.marked.update(found)
        return _any(options) if options else NOTHING

    def _matching(self, start: str, pattern: str, limit: int, fieldname: str) -> list[str]:
        """Words of the vocabulary matching a wildcard, looking at a bounded part of it."""
        letter = LETTER[fieldname] + ":"
        regex = re.compile(
            re.escape(letter)
            + "".join(
                ".*" if c == "*" else "." if c == "?" else re.escape(c) for c in fold(pattern)
            )
            + "$"
        )
        scanned = vocabulary.starting(start, limit=MAX_SCANNED + 1)
        if len(scanned) > MAX_SCANNED:
            self.budget.note(too_wide_notice(pattern))
            scanned = scanned[:MAX_SCANNED]
        return [w for w in scanned if regex.match(w)][:limit]

    def near(self, name: str | None, text: str, edits: int) -> str | None:
        edits = min(edits, MAX_EDITS)
        if len(text) > MAX_FUZZY_LENGTH:
            return self.word(name, text)
        options = []
        for fieldname in self._fields(name):
            if not self._expanding():
                options.append(self.word(fieldname, text))
                continue
            words = list(MAKE[fieldname](text)) or [folded_word(text)]
            target = lexeme(LETTER[fieldname], words[0])
            room = min(MAX_TERMS, MAX_QUERY_TERMS - self.terms)
            found = vocabulary.near(target, edits=edits, prefix=len(LETTER[fieldname]) + 3)
            found = sorted(set(found) | {target})[:room]
            self.terms += len(found)
            self.marked.update(found)
            options.extend(quoted(x) for x in found)
        return _any(options) if options else None


def _any(parts: list[str | None]) -> str | None:
    given = [p for p in parts if p]
    parts = [p for p in given if p != NOTHING]
    if not parts:
        return NOTHING if given else None
    if EVERY in parts:
        return EVERY
    return parts[0] if len(parts) == 1 else " | ".join(f"({p})" for p in parts)


def _bonuses(words: tuple[str, ...]) -> list[tuple[str, float]]:
    """Titles, exact accents and typed pairs of words (sonla_kb/search/bonuses.py)."""
    bonuses = bonuses_for(words)
    found = [(quoted(lexeme("t", word)), TITLE_BONUS) for word in bonuses.titles]
    found += [(quoted(lexeme("x", word)), EXACT_BONUS) for word in bonuses.exact]
    for pair in bonuses.pairs:
        options = [
            " <-> ".join(quoted(lexeme(letter, w)) for w in pair.folded) for letter in ("v", "t")
        ]
        if pair.stems:
            options.append(" <-> ".join(quoted(lexeme("e", w)) for w in pair.stems))
        found.append((_any(options), PAIR_BONUS))
    return found


def _compile(
    text: str, *, budget: Budget, notices: list[str], marked: set[str], any_of: bool = False
) -> tuple[str | None, list[Piece]]:
    """The tsquery of a query, and (for a relaxed one) its words and phrases."""
    reader = _Reader(text, budget=budget, notices=notices, marked=marked, any_of=any_of)
    result = reader.query()
    while reader.at < len(reader.tokens):  # a stray closing parenthesis: read on
        reader.at += 1
        more = reader.query()
        result = f"({result}) & ({more})" if result and more else (result or more)
    return result, list(reader.pieces.values())


def parse(text: str, *, expand: bool, budget: Budget) -> Parsed:
    """Read the user's query; unreadable syntax is searched as plain words, with a notice."""
    text = text.strip()
    if not text:
        return Parsed(EVERY, [], ())
    if not WORD_RE.search(text):
        if only_stars(text):
            return Parsed(EVERY, [every_record_notice()], ())
        return Parsed(None, [no_words_notice()], ())
    notices: list[str] = []
    text = normalised(text)
    problem = problem_in(text)
    if problem:
        notices.append(unreadable_notice(problem))
        text = " ".join(plain_words(text))
    if re.search(r"(?<!year):\[", text) or re.search(r"\b(?!year)\w+:\[", text):
        notices.append(ranges_notice())
        text = " ".join(plain_words(text))
    searched, expanded = expand_text(text) if expand else (text, ())
    near = re.finditer(r"(\w+)~(\d*)", searched)
    notices += limit_notices((m.group(1), int(m.group(2) or 1)) for m in near)
    marked: set[str] = set()
    match, _pieces = _compile(searched, budget=budget, notices=notices, marked=marked)
    words = typed_words(text)
    relaxed, pieces = None, []
    any_text = relaxed_text(text, words, searched=searched)
    if any_text:
        relaxed, pieces = _compile(any_text, budget=budget, notices=[], marked=marked, any_of=True)
        relaxed = None if relaxed in (NOTHING, EVERY) else relaxed
    match = None if match == NOTHING else match
    bonuses = _bonuses(words) if match else []
    return Parsed(
        match,
        notices,
        words,
        expanded=tuple(expanded),
        relaxed=relaxed,
        pieces=pieces,
        bonuses=bonuses,
        marked=marked,
    )
