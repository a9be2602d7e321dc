"""The full answer to a search: top results with snippets, the exact total, facets.

The straightforward way in Whoosh (``groupedby`` facets, ``len(results)``, highlights
from the hits) re-reads and re-analyses far more than an answer needs. Here the matching
documents and their scores come from one pass over whole posting lists (vectors.py); the
total and the facets are tallies over them and the cached facet columns, and snippets
are cut from the stored text of the page's hits alone.
"""

import logging
from typing import Any

from django.utils.translation import gettext as _
from whoosh import query as wq

from ... import changes
from ...analysis import fold
from ...answer import make_answer, page_count, to_result
from ...correction import Found, corrected_answer
from ...fallback import FALLBACK_NOTICE, search_database
from ...limits import Budget
from ...params import ParamError, SearchParams
from ...snippets import Terms
from ...themes import resolve_tags
from . import recovery, storage
from . import searcher as searchers
from .expansion import expand
from .querying import parse_text
from .spelling import suggestion_for
from .vectors import Matches, evaluate

log = logging.getLogger(__name__)
RELAX_BELOW = 10  # fewer records than this hold every word: add those holding some
ALL_WORDS_BONUS = 1000.0  # ... ranked below every record that holds them all


def search(params: SearchParams, *, export_limit: int | None = None) -> dict[str, Any]:
    """Answer a search as search-api.md describes; never raises for an index fault.

    With `export_limit`, ``results`` is instead an iterator over the first `export_limit`
    results of the whole ranking, each made only when it is read: an export streams them.
    """
    tag_slugs = resolve_tags(params.tags)
    for attempt in (1, 2):
        handle = None
        try:
            handle = searchers.current()
            _catch_up_if_behind(handle)
            answer = _search_index(handle, params, tag_slugs, export_limit=export_limit)
            return corrected_answer(
                params,
                answer,
                search_again=lambda again, budget, found_in=handle: _search_index(
                    found_in, again, tag_slugs, export_limit=export_limit, budget=budget
                ),
            )
        except ParamError:
            raise
        except storage.IndexUnavailable as exc:
            log.warning("Search index unavailable: %s", exc)
            break
        except Exception:
            searchers.forget()
            if attempt == 1 and (handle is None or _replaced(handle)):
                continue  # a rebuild switched generations under this search: ask the new one
            log.exception("Search index failed; answering from the database")
            break
    recovery.rebuild_soon()  # if the index is really unreadable, rebuild it in the background
    answer = search_database(params, tag_slugs=tag_slugs, export_limit=export_limit)
    answer["notice"] = " ".join(filter(None, [_(FALLBACK_NOTICE), answer.get("notice")]))
    return answer


def _replaced(handle: searchers.Handle) -> bool:
    try:
        return storage.current_generation(handle.root) != handle.generation
    except storage.IndexUnavailable:
        return False


def _catch_up_if_behind(handle: searchers.Handle) -> None:
    """Apply changes a writer could not (its wait ran out), without ever waiting here."""
    if not searchers.due_for_log_check(handle):
        return
    try:
        if changes.pending_count(storage.read_cursor(handle.generation)):
            from .writer import catch_up

            catch_up(lock_timeout=0)
    except Exception:
        log.exception("Catching up the search index failed; the changes stay in the log")


def _matching(s, query: wq.Query, allowed: frozenset[int] | None, budget: Budget) -> Matches:
    """Every document the query matches, scored, among those the filters allow."""
    found = evaluate(s, query, budget=budget)
    return found if allowed is None else found.within(allowed)


def _search_index(
    handle,
    params: SearchParams,
    tag_slugs: list[str] | None,
    *,
    export_limit: int | None,
    budget: Budget | None = None,
) -> Found:
    s = handle.searcher
    budget = budget or Budget.start()
    parsed = parse_text(params.q, expand=params.expand)
    for notice in parsed.notices:
        budget.note(notice)
    query = expand(parsed.query, s.reader(), budget=budget)
    relaxed = parsed.relaxed
    columns = handle.facet_columns()
    allowed = (
        frozenset()
        if tag_slugs is None  # a theme that does not exist: nothing can match
        else columns.allowed(
            types=params.types, years=params.year, tags=tag_slugs, lang=params.lang
        )
    )
    if isinstance(query, wq.Every):
        # Every record matches alike: relevance means nothing, and scoring all would be slow.
        scored = None
        matched = sorted(allowed) if allowed is not None else list(s.reader().all_doc_ids())
    else:
        scored = _matching(s, query, allowed, budget)
        matched = scored.docs
    all_words = len(matched)
    few = all_words < RELAX_BELOW and not budget.expired()
    if scored is not None and relaxed is not None and few:
        # Few records hold every word: the records holding most of them follow, below.
        query = wq.Or(
            [
                wq.ConstantScoreQuery(query, ALL_WORDS_BONUS),
                expand(relaxed, s.reader(), budget=budget),
            ]
        )
        scored = _matching(s, query, allowed, budget)
        matched = scored.docs
    page_count(params, len(matched))
    limit = export_limit or params.page * params.per_page
    first = 0 if export_limit else limit - params.per_page
    if params.sort == "relevance" and params.q and scored is not None:
        ranked = scored.top(limit)[first:limit]
    else:
        docnums = matched.tolist() if scored is not None else matched
        order = columns.by_date(docnums, newest=params.sort != "oldest", limit=limit)
        ranked = [(docnum, None) for docnum in order[first:limit]]
    terms = _highlight_terms(s, query, typed=parsed.words) if params.q else Terms.of()
    results = (
        to_result(s.stored_fields(docnum), score=score, terms=terms) for docnum, score in ranked
    )
    suggestion = None
    if params.q and not budget.expired():
        suggestion = suggestion_for(s, parsed.words, params.q, budget=budget)
    answer = make_answer(
        params,
        total=len(matched),
        results=results if export_limit else list(results),
        counts=columns.count(matched),
        notice=budget.notice(),
        suggestion=suggestion,
        expanded=parsed.expanded,
    )
    return Found(answer, all_words, budget)


HIGHLIGHT_FIELDS = ("title", "text_en", "text_vi", "exact", "tag")


def _highlight_terms(s, query, *, typed: tuple[str, ...]) -> Terms:
    """The index terms the query matched (prefixes and near spellings expanded).

    Whoosh's own ``Query.existing_terms`` reuses its ``fieldname`` argument as a loop
    variable, so it drops every field but the first: the leaves are walked here instead.
    """
    reader = s.reader()
    words, stems = set(), set()
    for leaf in query.leaves():
        if leaf.field() not in HIGHLIGHT_FIELDS:
            continue
        try:
            expanded = list(leaf.expanded_terms(reader, phrases=True))
        except Exception:  # an expansion too large to list: mark what else matched
            log.info("Not marking %r: its terms could not be listed", leaf)
            continue
        for fieldname, text in expanded:
            value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
            (stems if fieldname == "text_en" else words).add(fold(value))
    return Terms.of(words=words, stems=stems, typed=typed)
