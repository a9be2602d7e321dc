"""The three engines, each answering a query with a ranking of record keys, best first.

- site: `sonla_kb.search.search(parse_params(...))`, exactly what /api/search/ answers,
  read page by page at the default 10 per page, as a user pages.
- fts5: SQLite FTS5, `unicode61 remove_diacritics 2`, ranked by bm25, over the site's
  document text. The query goes in as a simple search box would pass it: each word
  quoted, `"phrases"`, `prefix*`, `OR`, `NOT`, `AND` and parentheses kept, and a field
  (`title:` …) as an FTS5 column filter; a query FTS5 cannot parse gives no results.
- whoosh: plain Whoosh, `StemmingAnalyzer` on the text and the title, the default
  `MultifieldParser` (all words required), BM25F.
"""

import sqlite3
from collections.abc import Callable

from bench.fts_query import match_expression

from .dataset import Record

TOKENIZER = "unicode61 remove_diacritics 2"
FTS_COLUMNS = ("title", "text", "tags", "type", "year", "speaker", "issuer", "number", "tagid")
# `tag:` names a theme by its slug in the site; in FTS5 it reads the slugs and the names.
FTS_FIELDS = {
    "title": "title",
    "tag": "{tags tagid}",
    "type": "type",
    "year": "year",
    "speaker": "speaker",
    "issuer": "issuer",
    "number": "number",
}

Ranker = Callable[[str, int], list[str]]


def site(*, depth: int, per_page: int = 10, backend: str | None = None) -> Ranker:
    """The site's ranking: the pages of /api/search/ concatenated, up to `depth` results
    (on the search `backend` named, or the configured one)."""
    from django.test import override_settings

    from sonla_kb.search import ParamError, parse_params, search

    def rank(q: str, limit: int = depth) -> list[str]:
        if backend:
            with override_settings(SEARCH_BACKEND=backend):
                return ranked(q, limit)
        return ranked(q, limit)

    def ranked(q: str, limit: int) -> list[str]:
        keys: list[str] = []
        page = 1
        while len(keys) < limit:
            try:
                params = {"q": q, "page": str(page), "per_page": str(per_page)}
                answer = search(parse_params(params))
            except ParamError:
                return keys
            keys.extend(r["key"] for r in answer["results"])
            if page >= answer.get("pages", 0) or not answer["results"]:
                break
            page += 1
        return keys[:limit]

    return rank


class Fts5:
    """An in-memory FTS5 table of the records, queried with bm25."""

    def __init__(self, records: list[Record]):
        self.conn = sqlite3.connect(":memory:")
        columns = ", ".join(FTS_COLUMNS)
        self.conn.execute(
            f"CREATE VIRTUAL TABLE t USING fts5(key UNINDEXED, {columns}, tokenize='{TOKENIZER}')"
        )
        rows = [
            (r.id, r.title, r.text, r.tags, *(r.fields[c] for c in FTS_COLUMNS[3:]))
            for r in records
        ]
        marks = ", ".join("?" * (len(FTS_COLUMNS) + 1))
        self.conn.executemany(f"INSERT INTO t VALUES ({marks})", rows)
        self.errors: dict[str, str] = {}

    def rank(self, q: str, limit: int) -> list[str]:
        """The keys of the best `limit` matches; none when FTS5 cannot read the query."""
        expression = match_expression(q, fields=FTS_FIELDS)
        if not expression:
            return []
        try:
            rows = self.conn.execute(
                "SELECT key FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", (expression, limit)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            self.errors[q] = f"{expression}: {exc}"
            return []
        return [key for (key,) in rows]


class PlainWhoosh:
    """Whoosh as it comes: a RAM index with StemmingAnalyzer on `title` and `text`."""

    def __init__(self, records: list[Record]):
        from whoosh import fields
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.filedb.filestore import RamStorage
        from whoosh.qparser import MultifieldParser

        schema = fields.Schema(
            key=fields.ID(stored=True, unique=True),
            title=fields.TEXT(analyzer=StemmingAnalyzer()),
            text=fields.TEXT(analyzer=StemmingAnalyzer()),
        )
        self.index = RamStorage().create_index(schema)
        with self.index.writer() as writer:
            for r in records:
                writer.add_document(key=r.id, title=r.title, text=f"{r.text}\n\n{r.tags}")
        self.parser = MultifieldParser(["title", "text"], schema)
        self.searcher = self.index.searcher()

    def rank(self, q: str, limit: int) -> list[str]:
        """The keys of the best `limit` matches of the parsed query."""
        query = self.parser.parse(q)
        return [hit["key"] for hit in self.searcher.search(query, limit=limit)]
