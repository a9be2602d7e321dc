"""From what a researcher typed to a Whoosh query: syntax, fields, accents, filters.

Plain words search titles and the text of both languages, all words required. Where
the query carries accents, records with the same accents (``exact``) score a fixed
bonus per word, so they rank above records that match only once accents are folded.
"""

import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _
from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, OrGroup

from ...analysis import (
    ENGLISH_STOP_WORDS,
    WORD_RE,
    exact_word,
    fold,
    folded_word,
    has_accents,
    stem,
)
from ...glossary import _SYNTAX_RE, expand_text
from ...limits import MAX_EDITS, MAX_FUZZY_LENGTH, RANGE_FIELDS
from ...syntax import (
    _FIELD_PREFIX_RE,
    _FIELD_SPACE_RE,
    _ONLY_STARS_RE,
    _YEAR_SPAN_RE,
    OPERATORS,
    plain_words,
    problem_in,
)
from .schema import FIELD_BOOSTS, build_schema

EXACT_BONUS = 100.0
PAIR_BONUS = 60.0  # two typed words side by side in the record: more than one accent
MAX_PAIRS = 6
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


def _pair_bonus(words: tuple[str, ...]) -> list[wq.Query]:
    """A bonus where two words of the query stand together in a record, as they were typed.

    Vietnamese words are often two or three syllables (thương hiệu, hợp tác xã): records
    where the syllables form the word rank clearly above records where they are scattered
    ("thương mại … nhãn hiệu"); in English, "planting area" above the two words apart.
    The pair fields hold every two neighbouring words: one term each, not a phrase.
    """
    bonus = []
    for first, second in list(itertools.pairwise(words))[:MAX_PAIRS]:
        folded = [folded_word(first), folded_word(second)]
        pairs: list[wq.Query] = [wq.Term("pairs_vi", " ".join(folded))]
        if not {fold(first), fold(second)} & ENGLISH_STOP_WORDS:
            pairs.append(wq.Term("pairs_en", " ".join(stem(w) for w in folded)))
        bonus.append(wq.ConstantScoreQuery(wq.Or(pairs), PAIR_BONUS))
    return bonus


def _leaves(q: wq.Query) -> list[wq.Query]:
    """The leaves of a query (itself, when it is one)."""
    return [q] if q.is_leaf() else list(q.leaves())


def _limit_notices(q: wq.Query) -> list[str]:
    """What the cost limits change in a parsed query, said for the user."""
    leaves = _leaves(q)
    notices = []
    if any(isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_EDITS for leaf in leaves):
        notices.append(
            _("A near spelling (word~) allows at most %(edits)s edits; it was searched so.")
            % {"edits": MAX_EDITS}
        )
    if any(isinstance(leaf, wq.FuzzyTerm) and len(leaf.text) > MAX_FUZZY_LENGTH for leaf in leaves):
        notices.append(
            _("Words longer than %(length)s letters are matched as typed, not as near spellings.")
            % {"length": MAX_FUZZY_LENGTH}
        )
    return notices


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
        if _ONLY_STARS_RE.match(text):
            return ParsedQuery(wq.Every(), (_("'*' alone matches every record."),), ())
        notice = _("Your query has no letters or digits to search for.")
        return ParsedQuery(wq.NullQuery, (notice,), ())
    notices: list[str] = []
    # "year:2017-2020" as the year filter writes it; "title: OCOP" as "title:OCOP".
    text = _YEAR_SPAN_RE.sub(r"year:[\1 TO \2]", _FIELD_SPACE_RE.sub(r"\1:", text))
    problem = problem_in(text)
    if problem:
        text, notices = _as_plain_words(
            text,
            _(
                "Your query could not be read as written (%(problem)s); "
                "it was searched as plain words."
            )
            % {"problem": problem},
        )
    raw = _PARSER.parse(text)
    if _bad_range(raw):
        text, notices = _as_plain_words(
            text,
            _(
                "Ranges work only on years, as in year:[2017 TO 2020]; "
                "your query was searched as plain words."
            ),
        )
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
    words = tuple(w for w in WORD_RE.findall(_FIELD_PREFIX_RE.sub(" ", text)) if w not in OPERATORS)
    unique = list(dict.fromkeys(words))
    bonus: list[wq.Query] = [
        wq.Term("title", folded_word(w), boost=FIELD_BOOSTS["title"]) for w in unique if fold(w)
    ]
    bonus += [
        wq.ConstantScoreQuery(wq.Term("exact", exact_word(w)), EXACT_BONUS)
        for w in unique
        if has_accents(w)
    ]
    bonus += _pair_bonus(words)
    relaxed = _any_of(text, words, searched=searched)
    if bonus and not isinstance(parsed, wq.NullQuery.__class__):
        parsed = wq.AndMaybe(parsed, wq.Or(bonus))
        relaxed = wq.AndMaybe(relaxed, wq.Or(bonus)) if relaxed is not None else None
    return ParsedQuery(parsed, tuple(notices), words, expanded, relaxed)


def _any_of(text: str, words: tuple[str, ...], *, searched: str) -> wq.Query | None:
    """Records holding any of the query's meaningful words (and glossary forms).

    Only for a query of plain words, as typed (syntax means exactly what it says), of two
    or more words that are not English stop words.
    """
    meaningful = [w for w in words if fold(w) not in ENGLISH_STOP_WORDS]
    if len(meaningful) < 2 or _SYNTAX_RE.search(text):
        return None
    if searched == text:
        searched = " ".join(meaningful)
    return _ANY_PARSER.parse(searched).accept(_normalise)
