"""From what a researcher typed to a Whoosh query: syntax, fields, accents, filters.

Plain words search titles and the text of both languages, all words required. Where
the query carries accents, records with the same accents (``exact``) score a fixed
bonus per word, so they rank above records that match only once accents are folded.
"""

from dataclasses import dataclass

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, OrGroup

from ...analysis import ENGLISH_STOP_WORDS, WORD_RE, fold, stem
from ...bonuses import EXACT_BONUS, PAIR_BONUS, bonuses_for
from ...glossary import expand_text
from ...limits import MAX_EDITS, MAX_FUZZY_LENGTH, RANGE_FIELDS
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
from .schema import FIELD_BOOSTS, build_schema

MATCH_FIELDS = ("text_en", "text_vi")
_SCHEMA = build_schema()
RANGES = (wq.TermRange, wq.NumericRange, wq.DateRange)


@dataclass(frozen=True)
class ParsedQuery:
    query: wq.Query
    notices: tuple[str, ...]
    words: tuple[str, ...]  # the plain words, as typed, for spelling suggestions
    expanded: tuple[str, ...] = ()  # the other language's forms the glossary added
    relaxed: wq.Query | None = None  # any of the plain words, for when all find too few

    @property
    def notice(self) -> str | None:
        """The notices as one text, or None."""
        return " ".join(self.notices) or None


def _parser() -> MultifieldParser:
    # Words are matched in the text fields, which hold the title too; a title match adds
    # to the score (below) without widening every word into a three-way union.
    parser = MultifieldParser(list(MATCH_FIELDS), _SCHEMA)
    parser.add_plugin(FuzzyTermPlugin())
    return parser


_PARSER = _parser()
# Any of the words: for a query of plain words whose every word no record holds together.
_ANY_PARSER = _parser()
_ANY_PARSER.group = OrGroup


def _normalise(q: wq.Query) -> wq.Query:
    """Rewrite what Whoosh runs slowly into what it runs fast; meaning unchanged.

    - Near spellings compare with stems in English text (the index holds stems), and
      need their first two letters right: the expansion scans far fewer terms.
    - ``a NOT b`` becomes AndNot(a, b): inside an And, Whoosh matches NOT b by walking
      every document of the index.
    """
    if isinstance(q, wq.FuzzyTerm):
        text = stem(fold(q.text)) if q.fieldname == "text_en" else q.text
        if len(text) > MAX_FUZZY_LENGTH:
            return wq.Term(q.fieldname, text, boost=q.boost)
        maxdist = min(q.maxdist, MAX_EDITS)
        return wq.FuzzyTerm(q.fieldname, text, boost=q.boost, maxdist=maxdist, prefixlength=2)
    if isinstance(q, wq.Every) and q.fieldname is not None:
        # Every(field) walks every term of the field; every record has text, so all of them.
        return wq.Every()
    if isinstance(q, wq.And):
        positives = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negatives = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if negatives and positives:
            positive = positives[0] if len(positives) == 1 else wq.And(positives)
            negative = negatives[0] if len(negatives) == 1 else wq.Or(negatives)
            return wq.AndNot(positive, negative)
    return q


def _is_dropped_english_word(q: wq.Query) -> bool:
    """A clause left only in Vietnamese text because English analysis dropped the word."""
    return (
        isinstance(q, wq.Term)
        and q.fieldname == "text_vi"
        and (q.text in ENGLISH_STOP_WORDS or len(q.text) < 2)
    )


def _optional_stop_words(q: wq.Query) -> wq.Query:
    """Words English text never holds ('the', 'of') may match, but are not required."""
    if not isinstance(q, wq.And):
        return q
    required = [c for c in q.subqueries if not _is_dropped_english_word(c)]
    optional = [c for c in q.subqueries if _is_dropped_english_word(c)]
    if not optional or not required:
        return q
    main = required[0] if len(required) == 1 else wq.And(required)
    return wq.AndMaybe(main, wq.Or(optional))


def _bonus(words: tuple[str, ...]) -> list[wq.Query]:
    """Titles, exact accents and typed pairs of words (sonla_kb/search/bonuses.py).

    The pair fields hold every two neighbouring words: one term each, not a phrase.
    """
    bonuses = bonuses_for(words)
    bonus: list[wq.Query] = [
        wq.Term("title", word, boost=FIELD_BOOSTS["title"]) for word in bonuses.titles
    ]
    bonus += [wq.ConstantScoreQuery(wq.Term("exact", word), EXACT_BONUS) for word in bonuses.exact]
    for pair in bonuses.pairs:
        pairs: list[wq.Query] = [wq.Term("pairs_vi", " ".join(pair.folded))]
        if pair.stems:
            pairs.append(wq.Term("pairs_en", " ".join(pair.stems)))
        bonus.append(wq.ConstantScoreQuery(wq.Or(pairs), PAIR_BONUS))
    return bonus


def _leaves(q: wq.Query) -> list[wq.Query]:
    """The leaves of a query (itself, when it is one)."""
    return [q] if q.is_leaf() else list(q.leaves())


def _limit_notices(q: wq.Query) -> list[str]:
    """What the cost limits change in a parsed query, said for the user."""
    near = [(leaf.text, leaf.maxdist) for leaf in _leaves(q) if isinstance(leaf, wq.FuzzyTerm)]
    return limit_notices(near)


def _bad_range(q: wq.Query) -> bool:
    return any(isinstance(leaf, RANGES) and leaf.field() not in RANGE_FIELDS for leaf in _leaves(q))


def _as_plain_words(text: str, notice: str) -> tuple[str, list[str]]:
    return " ".join(plain_words(text)), [notice]


def parse_text(text: str, *, expand: bool = False) -> ParsedQuery:
    """Parse the user's query; unreadable syntax is searched as plain words, with a notice."""
    text = text.strip()
    if not text:
        return ParsedQuery(wq.Every(), (), ())
    if not WORD_RE.search(text):
        if only_stars(text):
            return ParsedQuery(wq.Every(), (every_record_notice(),), ())
        return ParsedQuery(wq.NullQuery, (no_words_notice(),), ())
    notices: list[str] = []
    text = normalised(text)
    problem = problem_in(text)
    if problem:
        text, notices = _as_plain_words(text, unreadable_notice(problem))
    raw = _PARSER.parse(text)
    if _bad_range(raw):
        text, notices = _as_plain_words(text, ranges_notice())
        raw = _PARSER.parse(text)
    expanded: tuple[str, ...] = ()
    searched = text
    if expand:
        expanded_text, expanded = expand_text(text)
        if expanded:
            searched = expanded_text
            raw = _PARSER.parse(expanded_text)
    notices += _limit_notices(raw)
    parsed = _optional_stop_words(raw.accept(_normalise))
    words = typed_words(text)
    bonus = _bonus(words)
    any_text = relaxed_text(text, words, searched=searched)
    relaxed = _ANY_PARSER.parse(any_text).accept(_normalise) if any_text else None
    if bonus and not isinstance(parsed, wq.NullQuery.__class__):
        parsed = wq.AndMaybe(parsed, wq.Or(bonus))
        relaxed = wq.AndMaybe(relaxed, wq.Or(bonus)) if relaxed is not None else None
    return ParsedQuery(parsed, tuple(notices), words, expanded, relaxed)
