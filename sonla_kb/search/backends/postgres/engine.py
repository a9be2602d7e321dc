"""The full answer to a search from PostgreSQL: total and facets in SQL, the page ranked.

Matching records are counted, and their facets tallied, by SQL over the whole result set;
only the page is read back, and its snippets are cut by the shared snippet code from the
stored text. A search that runs past its time budget is stopped by PostgreSQL itself
(``statement_timeout``) and answers with what it has, with the budget's notice.
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

log = logging.getLogger(__name__)
RELAX_BELOW = 10
ALL_WORDS_BONUS = 1000.0
RANK_SCALE = 10.0  # ts_rank is small: this puts it on the scale of the bonuses' points
RARITY_SCALE = 1.0  # points per unit of a relaxed word's idf
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
    cur.execute("SELECT set_config('statement_timeout', %s, true)", [f"{int(left * 1000) + 1}"])
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
    where, args = _filters(params, tag_slugs)
    match = parsed.match
    ranked = params.sort == "relevance" and params.q and match != EVERY
    score_sql, score_args = "NULL::float", []
    if match != EVERY:
        total_where = [*where, "vector @@ %s::tsquery"]
        total_args = [*args, match]
        counted = _facets(cur, budget, total_where, total_args)
        all_words = sum(counted["type"].values())
        if parsed.relaxed and all_words < RELAX_BELOW:
            every_word = match
            match = f"({match}) | ({parsed.relaxed})"
            total_where = [*where, "vector @@ %s::tsquery"]
            total_args = [*args, match]
            counted = _facets(cur, budget, total_where, total_args)
            score_sql = "(CASE WHEN vector @@ %s::tsquery THEN %s ELSE 0 END)"
            score_args = [every_word, ALL_WORDS_BONUS]
            for piece, weight in _rarity(cur, budget, parsed.pieces):
                score_sql += " + (CASE WHEN vector @@ %s::tsquery THEN %s ELSE 0 END)"
                score_args += [piece, weight]
        if ranked:
            parts = [f"ts_rank(vector, %s::tsquery, 1) * {RANK_SCALE}"]
            part_args: list[Any] = [match]
            for bonus, points in parsed.bonuses:
                parts.append("(CASE WHEN vector @@ %s::tsquery THEN %s ELSE 0 END)")
                part_args += [bonus, points]
            if score_args:
                parts.append(score_sql)
                part_args += score_args
            score_sql, score_args = " + ".join(parts), part_args
        else:
            score_sql, score_args = "NULL::float", []
    else:
        total_where, total_args = where, args
        counted = _facets(cur, budget, total_where, total_args)
        all_words = sum(counted["type"].values())
    total = sum(counted["type"].values())
    condition = " AND ".join(total_where) or "true"
    if ranked and match != EVERY:
        order = "score DESC, datenum DESC NULLS LAST, id"
    elif params.sort == "oldest":
        order = "datenum ASC NULLS LAST, id"
    else:
        order = "datenum DESC NULLS LAST, id"
    rows = _timed(
        cur,
        budget,
        f"SELECT fields, {score_sql} AS score FROM search_document"  # noqa: S608 - fixed SQL
        f" WHERE {condition} ORDER BY {order} LIMIT %s",
        [*score_args, *total_args, limit],
    )
    # Django reads jsonb as text (its JSONField decodes it): decoded here.
    return (
        total,
        all_words,
        counted,
        [(json.loads(f), float(s) if s is not None else None) for f, s in rows],
    )


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


def _facets(cur, budget: Budget, where: list[str], args: list[Any]) -> dict[str, Counter]:
    """The facet counts of every matching record, in one statement."""
    condition = " AND ".join(where) or "true"
    rows = _timed(
        cur,
        budget,
        f"WITH m AS (SELECT type, year, tagids FROM search_document WHERE {condition})"  # noqa: S608
        " SELECT 'type', type, count(*) FROM m GROUP BY type"
        " UNION ALL SELECT 'year', year, count(*) FROM m GROUP BY year"
        " UNION ALL SELECT 'tagid', t, count(*) FROM m, unnest(tagids) AS t GROUP BY t",
        args,
    )
    counts: dict[str, Counter] = {"type": Counter(), "year": Counter(), "tagid": Counter()}
    for facet, value, n in rows:
        counts[facet][value] = n
    return counts


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
