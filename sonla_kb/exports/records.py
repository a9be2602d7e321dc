"""Records as export rows: the same fields in CSV and JSON, so each parses back to the other."""

import html
import re
from dataclasses import replace
from typing import Any

from sonla_kb import search

POLICY_COLUMNS = (
    "key",
    "number",
    "title",
    "title_translated",
    "translation_language",
    "kind",
    "issuer",
    "issuer_vi",
    "issued_on",
    "effective_from",
    "status",
    "themes",
    "language",
    "sample",
    "url",
    "summary",
    "summary_translated",
)
SEARCH_COLUMNS = ("type", "key", "title", "url", "date", "language", "tags", "score", "snippet")
# All matching results, streamed in the ranking's order, up to this many.
SEARCH_EXPORT_LIMIT = 5000
_TAG = re.compile(r"<[^>]+>")


def policy_row(policy, *, absolute) -> dict[str, Any]:
    """One policy measure as an export row (themes prefetched)."""
    return {
        "key": policy.key,
        "number": policy.number,
        "title": policy.title,
        # A translation made by staff, in the other language than the record's own.
        "title_translated": policy.title_translated,
        "translation_language": (
            policy.translation_language
            if policy.title_translated or policy.summary_translated
            else ""
        ),
        "kind": policy.kind,
        "issuer": policy.issuer,
        "issuer_vi": policy.issuer_vi,
        "issued_on": policy.issued_on.isoformat() if policy.issued_on else None,
        "effective_from": policy.effective_from.isoformat() if policy.effective_from else None,
        "status": policy.status,
        "themes": sorted(theme.name for theme in policy.tags.all()),
        "language": policy.language,
        "sample": policy.sample,
        "url": absolute(policy.get_absolute_url()),
        "summary": policy.summary,
        "summary_translated": policy.summary_translated,
    }


def plain_snippet(snippet: str) -> str:
    """A result's snippet without its <mark> tags, as text."""
    return html.unescape(_TAG.sub("", snippet or ""))


def search_rows(params: search.SearchParams, *, absolute, limit: int | None = None):
    """The search's answer, and its results (up to `limit`) as rows made as they are read."""
    answer = search.search(replace(params, page=1), export_limit=limit or SEARCH_EXPORT_LIMIT)
    rows = (_search_row(result, absolute=absolute) for result in answer["results"])
    return answer, rows


def _search_row(result: dict[str, Any], *, absolute) -> dict[str, Any]:
    return {
        "type": result["type"],
        "key": result["key"],
        "title": result["title"],
        "url": absolute(result["url"]),
        "date": result.get("date"),
        "language": result.get("language"),
        "tags": list(result.get("tags") or []),
        "score": result.get("score"),
        "snippet": plain_snippet(result.get("snippet", "")),
    }
