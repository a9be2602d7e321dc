"""The full answer to a search from PostgreSQL: total and facets in SQL, the page ranked.

Matching records are counted, their facets tallied and the page ranked by one statement
over the whole result set; only the page's stored fields are read back, and its snippets
are cut by the shared snippet code from the stored text. A search that runs past its
time budget is stopped by PostgreSQL itself (``statement_timeout``) and answers with what
it has, with the budget's notice.
"""

import json
import logging
import math
import time
from collections import Counter
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from ...analysis import fold
from ...answer import make_answer, page_count, to_result
from ...correction import Found, corrected_answer
from ...fallback import FALLBACK_NOTICE, search_database
from ...limits import Budget
from ...params import ParamError, SearchParams
from ...snippets import Terms
from ...themes import resolve_tags
from .query import EVERY, Parsed, Piece, parse
from .spelling import suggestion_for
from .tokens import LETTER

log = logging.getLogger(__name__)
RELAX_BELOW = 10
ALL_WORDS_BONUS = 1000.0
# ts_rank(vector, q, 1), but divided by the stored length (tokens.py) as ts_rank divides
# by the vector's own: log2(length + 1), the result a real.
RANK = "(ts_rank(vector, %s::tsquery, 0) / (ln((length + 1)::float8) / ln(2::float8)))::real"
RANK_SCALE = 10.0  # ts_rank is small: this puts it on the scale of the bonuses' points
RARITY_SCALE = 1.0  # points per unit of a relaxed word's idf
# A search's own settings: no JIT (a plan above jit_above_cost, a long relaxed query over
# many records, would spend longer compiling its expressions than running them), and
# memory enough to gather the matching rows without a temporary file.
WORK_MEM = "32MB"
MAX_WEIGHTED = 24  # the rarest words of a relaxed query weighed so (each costs a test per row)


def search(params: SearchParams, *, export_limit: int | None = None) -> dict[str, Any]:
    """Answer a search as search-api.md describes; never raises for a database fault."""
    tag_slugs = resolve_tags(params.tags)
    try:
        with transaction.atomic():
            found = _search(params, tag_slugs, export_limit=export_limit)
            return corrected_answer(
                params,
                found,
                search_again=lambda again, budget: _search(
                    again, tag_slugs, export_limit=export_limit, budget=budget
                ),
            )
    except ParamError:
        raise
    except DatabaseError:
        log.exception("PostgreSQL search failed; answering from the database tables")
    answer = search_database(params, tag_slugs=tag_slugs, export_limit=export_limit)
    answer["notice"] = " ".join(filter(None, [_(FALLBACK_NOTICE), answer.get("notice")]))
    return answer


def _filters(params: SearchParams, tag_slugs: list[str]) -> tuple[list[str], list[Any]]:
    where, args = [], []
    if params.types:
        where.append("type = ANY(%s)")
        args.append(list(params.types))
    if params.year:
        where.append("(CASE WHEN year ~ '^[0-9]+$' THEN year::integer END) BETWEEN %s AND %s")
        args.extend(params.year)
    if tag_slugs:
        where.append("tagids @> %s")
        args.append(list(tag_slugs))
    if params.lang:
        where.append("language = %s")
        args.append(params.lang)
    return where, args


class _Expired(Exception):
    pass


def _timed(cur, budget: Budget, sql: str, args: list[Any]) -> list[tuple]:
    """Run one statement within what is left of the budget."""
    left = budget.seconds - (time.monotonic() - budget.started)
    if left <= 0:
        budget.ran_out = True
        raise _Expired
    cur.execute(
        "SELECT set_config('statement_timeout', %s, true), set_config('jit', 'off', true),"
        " set_config('work_mem', %s, true)",
        [f"{int(left * 1000) + 1}", WORK_MEM],
    )
    try:
        with transaction.atomic():
            cur.execute(sql, args)
            return cur.fetchall()
    except DatabaseError as exc:
        if "statement timeout" in str(exc) or "canceling statement" in str(exc):
            budget.ran_out = True
            raise _Expired from exc
        raise


def _search(
    params: SearchParams,
    tag_slugs: list[str] | None,
    *,
    export_limit: int | None,
    budget: Budget | None = None,
) -> Found:
    budget = budget or Budget.start()
    parsed = parse(params.q, expand=params.expand, budget=budget)
    for notice in parsed.notices:
        budget.note(notice)
    limit = export_limit or params.page * params.per_page
    first = 0 if export_limit else limit - params.per_page
    total, all_words, rows = 0, 0, []
    counts = {"type": Counter(), "year": Counter(), "tagid": Counter()}
    if tag_slugs is not None and parsed.match is not None:
        try:
            with connection.cursor() as cur:
                total, all_words, counts, rows = _run(
                    cur, params, tag_slugs, parsed, budget, limit=limit
                )
        except _Expired:
            pass
    page_count(params, total)
    terms = _terms(parsed) if params.q else Terms.of()
    results = (to_result(fields, score=score, terms=terms) for fields, score in rows[first:limit])
    suggestion = None
    if params.q and not budget.expired():
        suggestion = suggestion_for(parsed.words, params.q, budget=budget)
    answer = make_answer(
        params,
        total=total,
        results=results if export_limit else list(results),
        counts=counts,
        notice=budget.notice(),
        suggestion=suggestion,
        expanded=parsed.expanded,
    )
    return Found(answer, all_words, budget)


def _run(cur, params, tag_slugs, parsed: Parsed, budget: Budget, *, limit: int):
    """The total, the records holding every word, the facets and the first `limit` rows."""
    where, args = _filters(params, tag_slugs)
    match = parsed.match
    ranked = bool(params.sort == "relevance" and params.q and match != EVERY)
    if ranked:
        order = ("score DESC", "datenum DESC NULLS LAST", "id")
    elif params.sort == "oldest":
        order = ("datenum ASC NULLS LAST", "id")
    else:
        order = ("datenum DESC NULLS LAST", "id")
    if match == EVERY:
        total, counts, rows = _every(cur, budget, where, args, order=order, limit=limit)
        return total, total, counts, rows
    score = _Score.ranking(match, parsed.bonuses) if ranked else _Score()
    condition = ([*where, "vector @@ %s::tsquery"], [*args, match])
    total, counts, rows = _matching(cur, budget, *condition, order=order, limit=limit, score=score)
    all_words = total
    if parsed.relaxed and all_words < RELAX_BELOW:
        every_word, match = match, f"({match}) | ({parsed.relaxed})"
        if ranked:
            score = _Score.ranking(match, parsed.bonuses)
            score.add(every_word, ALL_WORDS_BONUS)
            for piece, weight in _rarity(cur, budget, parsed.pieces):
                score.add(piece, weight)
        condition = ([*where, "vector @@ %s::tsquery"], [*args, match])
        total, counts, rows = _matching(
            cur, budget, *condition, order=order, limit=limit, score=score
        )
    return total, all_words, counts, rows


class _Score:
    """A record's score as SQL: ts_rank, scaled, plus a bonus for each query it matches."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.args: list[Any] = []

    @classmethod
    def ranking(cls, match: str, bonuses: list[tuple[str, float]]) -> "_Score":
        score = cls()
        score.parts.append(f"{RANK} * {RANK_SCALE}")
        score.args.append(match)
        for bonus, points in bonuses:
            score.add(bonus, points)
        return score

    def add(self, query: str, points: float) -> None:
        self.parts.append("(CASE WHEN vector @@ %s::tsquery THEN %s::float8 ELSE 0 END)")
        self.args += [query, points]

    @property
    def sql(self) -> str:
        return " + ".join(self.parts) or "NULL::float8"


# The facets of the rows of `m`, counted in one pass: one grouping set per facet. A record's
# theme ids are counted by their combination, and the few combinations split in Python.
FACETS = (
    "SELECT GROUPING(type, year, tagids), type, year, tagids, count(*), NULL::jsonb, NULL::float8"
    " FROM m GROUP BY GROUPING SETS ((type), (year), (tagids))"
)
BY_TYPE, BY_YEAR, BY_TAGS = 0b011, 0b101, 0b110  # GROUPING(): 1 for each column not grouped


def _matching(
    cur,
    budget: Budget,
    where: list[str],
    args: list[Any],
    *,
    order: tuple[str, ...],
    limit: int,
    score: _Score,
) -> tuple[int, dict[str, Counter], list[tuple[dict[str, Any], float | None]]]:
    """The matching records' total and facets, and the first `limit` of them in `order`
    with their stored fields: one statement, reading each matching row once.

    The matching rows are gathered with what the facets and the order need (their score
    computed once), counted, and the page's few rows joined back to their stored fields.
    """
    condition = " AND ".join(where) or "true"
    in_page = ", ".join(f"p.{key}" for key in order)
    rows = _timed(
        cur,
        budget,
        "WITH m AS MATERIALIZED ("  # noqa: S608 - fixed SQL, values passed apart
        f" SELECT id, type, year, tagids, datenum, {score.sql} AS score"
        f" FROM search_document WHERE {condition}"
        f"), p AS (SELECT id, datenum, score FROM m ORDER BY {', '.join(order)} LIMIT %s)"
        f" {FACETS} UNION ALL SELECT NULL, NULL, NULL, NULL,"
        f" row_number() OVER (ORDER BY {in_page}), d.fields, p.score"
        " FROM p JOIN search_document d ON d.id = p.id",
        [*score.args, *args, limit],
    )
    counts = _counts(row for row in rows if row[0] is not None)
    page = sorted((n, fields, value) for g, *_f, n, fields, value in rows if g is None)
    return sum(counts["type"].values()), counts, [_fields(f, v) for _n, f, v in page]


def _every(
    cur, budget: Budget, where: list[str], args: list[Any], *, order: tuple[str, ...], limit: int
) -> tuple[int, dict[str, Counter], list[tuple[dict[str, Any], float | None]]]:
    """Every record (those the filters keep), its facets and the page from the date order's
    index, which stops at the page. Without a filter the facets are the vocabulary's counts
    of the records of each type, year and theme (tokens.py); with one, they are counted
    from the small facet index alone."""
    condition = " AND ".join(where) or "true"
    if where:
        counted = _timed(
            cur,
            budget,
            f"WITH m AS (SELECT type, year, tagids FROM search_document WHERE {condition})"  # noqa: S608
            f" {FACETS}",
            args,
        )
        counts = _counts(counted)
    else:
        counts = _all_counts(cur, budget)
    rows = _timed(
        cur,
        budget,
        f"SELECT fields FROM search_document WHERE {condition}"  # noqa: S608 - fixed SQL
        f" ORDER BY {', '.join(order)} LIMIT %s",
        [*args, limit],
    )
    return sum(counts["type"].values()), counts, [_fields(f, None) for (f,) in rows]


def _counts(rows) -> dict[str, Counter]:
    """The facet counts from the grouping sets' rows."""
    counts: dict[str, Counter] = {"type": Counter(), "year": Counter(), "tagid": Counter()}
    for grouping, kind, year, tagids, n, *_rest in rows:
        if grouping == BY_TYPE:
            counts["type"][kind] += n
        elif grouping == BY_YEAR:
            counts["year"][year] += n
        elif grouping == BY_TAGS:
            for tag in tagids:
                counts["tagid"][tag] += n
    return counts


# The facets' fields in the vocabulary: T:policy, Y:2019, G:branding (tokens.py).
VOCABULARY_FACETS = {LETTER["type"]: "type", LETTER["year"]: "year", LETTER["tagid"]: "tagid"}


def _all_counts(cur, budget: Budget) -> dict[str, Counter]:
    """The facet counts of every record: how many records hold each type, year and theme."""
    prefixes = [f"{letter}:%" for letter in VOCABULARY_FACETS]
    rows = _timed(
        cur, budget, "SELECT word, docs FROM search_word WHERE word LIKE ANY(%s)", [prefixes]
    )
    counts: dict[str, Counter] = {"type": Counter(), "year": Counter(), "tagid": Counter()}
    for word, docs in rows:
        letter, _sep, value = word.partition(":")
        counts[VOCABULARY_FACETS[letter]][value] = docs
    return counts


def _fields(fields: str, score: float | None) -> tuple[dict[str, Any], float | None]:
    """A page row's stored fields, decoded (Django reads jsonb as text), and its score."""
    return json.loads(fields), float(score) if score is not None else None


def _rarity(cur, budget: Budget, pieces: list[Piece]) -> list[tuple[str, float]]:
    """Each word and phrase of a relaxed query with its weight: the rarer in the index, the
    more a record holding it ranks above those holding only commoner ones (as BM25 ranks)."""
    rows = _timed(
        cur,
        budget,
        "SELECT word, docs FROM search_word WHERE word = ANY(%s)"
        " UNION ALL SELECT NULL, sum(docs) FROM search_word WHERE word LIKE 'T:%%'",
        [sorted({w for piece in pieces for option in piece.options for w in option})],
    )
    docs = {word: n for word, n in rows if word is not None}
    total = next((int(n or 0) for word, n in rows if word is None), 0)
    weighted = []
    for piece in pieces:
        # A phrase is at most as common as its rarest word; a word in either field, the more.
        held = max((min(docs.get(w, 0) for w in option) for option in piece.options), default=0)
        if held:
            weight = piece.boost * RARITY_SCALE * math.log((total + 1) / held)
            weighted.append((piece.query, weight))
    return sorted(weighted, key=lambda w: -w[1])[:MAX_WEIGHTED]


def _terms(parsed: Parsed) -> Terms:
    """What to mark in snippets: the folded words and English stems the query matched."""
    words, stems = set(), set()
    for lexeme in parsed.marked:
        letter, _sep, word = lexeme.partition(":")
        if letter == "e":
            stems.add(word)
        elif letter in ("t", "v", "x", "g", "s", "i", "n"):
            words.add(word)
    return Terms.of(words={fold(w) for w in words}, stems=stems)
