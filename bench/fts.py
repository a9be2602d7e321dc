"""SQLite FTS5 on the same text, for comparison: build a table, turn a query into MATCH syntax."""

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.fts_query import match_expression

TOKENIZER = "porter unicode61 remove_diacritics 2"
# The one field of the query syntax that the table has a column for.
FIELDS = {"title": "title"}


@dataclass(frozen=True)
class Row:
    """One record as FTS5 sees it."""

    title: str
    body: str
    type: str
    year: str
    tags: str  # "|gap|export|"
    date: str


def corpus_rows(kb_path: Path, slugs: dict[str, str]) -> list[Row]:
    """The records of a kb-format file, with their text as the search index holds it."""
    data = json.loads(kb_path.read_text(encoding="utf-8"))
    workshop_date = (data.get("workshop") or {}).get("date") or ""
    rows: list[Row] = []
    for section, type_, date_field in (
        ("policies", "policy", "issued_on"),
        ("presentations", "presentation", None),
        ("feedback", "feedback", "submitted_on"),
    ):
        for rec in data.get(section, []):
            date = rec[date_field] if date_field else workshop_date
            text = rec.get("text") or "\n\n".join(
                filter(None, [rec.get("summary"), rec.get("body")])
            )
            tags = "|" + "|".join(slugs[t.lower()] for t in rec.get("tags", [])) + "|"
            title = rec.get("title") or rec.get("author", "")
            rows.append(Row(title, text, type_, date[:4], tags, date))
    return rows


def build(path: Path, rows: list[Row]) -> float:
    """Create the FTS5 table in a new SQLite file; return the seconds it took."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, type UNINDEXED, year UNINDEXED, "
        f"tags UNINDEXED, date UNINDEXED, tokenize='{TOKENIZER}')"
    )
    with conn:
        conn.executemany(
            "INSERT INTO t (title, body, type, year, tags, date) VALUES (?, ?, ?, ?, ?, ?)",
            [(r.title, r.body, r.type, r.year, r.tags, r.date) for r in rows],
        )
    conn.close()
    return time.perf_counter() - started


class Searcher:
    """Top-10 queries against the FTS5 table, with the filters as SQL conditions."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path)

    def top(self, params: dict[str, Any], slugs: dict[str, str]) -> list[tuple[int, str]]:
        """The ids and titles of one page of results."""
        where, args = [], []
        expression = match_expression(params.get("q", ""), fields=FIELDS)
        if expression:
            where.append("t MATCH ?")
            args.append(expression)
        types = _as_list(params.get("type"))
        if types:
            where.append(f"type IN ({','.join('?' * len(types))})")
            args.extend(types)
        for tag in _as_list(params.get("tag")):
            where.append("tags LIKE ?")
            args.append(f"%|{slugs.get(tag.lower(), tag.lower())}|%")
        if params.get("year"):
            start, _, end = str(params["year"]).partition("-")
            where.append("year BETWEEN ? AND ?")
            args.extend([start, end or start])
        sort = params.get("sort") or ("relevance" if expression else "newest")
        order = {"relevance": "rank", "newest": "date DESC", "oldest": "date"}[sort]
        if not expression and order == "rank":
            order = "date DESC"
        page = int(params.get("page", 1))
        sql = "SELECT rowid, title FROM t"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT 10 OFFSET {(page - 1) * 10}"
        return self.conn.execute(sql, args).fetchall()


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def main(argv: list[str] | None = None) -> None:
    """Build the FTS5 table: `python -m bench.fts KB_FILE DB_FILE`; print records and seconds."""
    import argparse

    from .corpus import THEMES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kb", type=Path)
    parser.add_argument("db", type=Path)
    args = parser.parse_args(argv)
    rows = corpus_rows(args.kb, theme_slugs(THEMES))
    seconds = build(args.db, rows)
    print(json.dumps({"records": len(rows), "seconds": seconds}))


def theme_slugs(themes: list[tuple[str, str, str]]) -> dict[str, str]:
    """Theme name or slug (lower case) -> slug."""
    slugs = {name.lower(): slug for name, slug, _ in themes}
    slugs.update({slug: slug for _, slug, _ in themes})
    return slugs


if __name__ == "__main__":
    main()
