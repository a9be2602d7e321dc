"""Search from the database, for when the index is missing or damaged.

Simpler than the index (words matched as typed, in any case; newest first), but the
answer has the same shape, filters and facets, so no page or client breaks.
"""

from collections import Counter
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop

from .analysis import WORD_RE, fold
from .answer import make_answer, page_count, to_result
from .documents import SOURCES, Context, Source, build_documents
from .params import SearchParams
from .snippets import Terms

MAX_WORDS = 8
FALLBACK_NOTICE = gettext_noop(
    "The search index is unavailable, so these results come straight from the database: "
    "accents must match and ranking is simpler until the index is rebuilt."
)
SEARCHED_FIELDS = {
    "policy": ("title", "summary", "body", "issuer", "number"),
    "presentation": ("title", "summary", "body", "speaker", "organisation", "attachments__text"),
    "study": ("title", "summary", "body", "authors", "attachments__text"),
    "feedback": ("text", "author", "organisation"),
}


def _matching(source: Source, params: SearchParams, words: list[str], tag_slugs: list[str]):
    qs = source.queryset()
    if params.lang:
        qs = qs.filter(language=params.lang)
    for slug in tag_slugs:
        qs = qs.filter(tags__slug=slug)
    for word in words:
        any_field = Q()
        for name in SEARCHED_FIELDS[source.type]:
            any_field |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(any_field)
    return qs.distinct()


def search_database(
    params: SearchParams, *, tag_slugs: list[str] | None, export_limit: int | None = None
) -> dict[str, Any]:
    """The search answer computed from the database alone (`export_limit`: see search())."""
    # Each word is one more filter over every searched field: a few words find enough.
    words = WORD_RE.findall(params.q)[:MAX_WORDS]
    docs: list[dict[str, Any]] = []
    if tag_slugs is not None:
        context = Context.load()
        for source in SOURCES:
            if params.types and source.type not in params.types:
                continue
            records = list(_matching(source, params, words, tag_slugs))
            docs.extend(build_documents(source, records, context=context))
    if params.year:
        start, end = params.year
        docs = [d for d in docs if d.get("year") and start <= int(d["year"]) <= end]
    docs.sort(key=lambda d: d.get("datenum") or 0, reverse=params.sort != "oldest")
    page_count(params, len(docs))
    if export_limit:
        page = docs[:export_limit]
    else:
        page = docs[(params.page - 1) * params.per_page : params.page * params.per_page]
    terms = Terms.of(words={fold(w) for w in words}, typed=words)
    counts = {
        "type": Counter(d["type"] for d in docs),
        "year": Counter(d.get("year") for d in docs),
        "tagid": Counter(slug for d in docs for slug in d["tagid"].split(",") if slug),
    }
    results = [to_result(d, score=None, terms=terms) for d in page]
    return make_answer(params, total=len(docs), results=results, counts=counts)
