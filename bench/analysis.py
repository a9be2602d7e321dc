"""What analysis costs: every analyser of the index schema, timed over a corpus's documents.

`python -m bench.analysis --json OUT [--records N] [--seconds S]`, with DATABASE_URL and
the settings pointing at an imported corpus (`bench.run` runs it once per corpus). The
documents are built as `rebuild_index` builds them; then

- by field: each indexed field of `build_schema()` takes its values through
  `field.index()`, as the index writer does (the analyser, then the counts per word);
- by analyser: each distinct analyser of the schema reads the same text, the records'
  longest field, so that analysers compare on equal terms (say FoldedAnalyzer against a
  Vietnamese word segmenter).

Nothing is written: this is the cost of analysis alone, the part of a rebuild that a
segmenter adds to. Each measurement stops after `--seconds` and reports the rate so far.
"""

import argparse
import itertools
import json
import time
from pathlib import Path
from typing import Any

import django


def analyser_name(analyzer: Any) -> str:
    """A readable name: the class, or for a chain of Whoosh filters each link's class."""
    items = getattr(analyzer, "items", None)
    if isinstance(items, list | tuple) and items:
        return " + ".join(type(item).__name__ for item in items)  # no "|": a Markdown cell
    return type(analyzer).__name__


def indexed_fields(schema: Any) -> dict[str, Any]:
    """The schema's fields that analyse text, by name (stored-only and numeric left out)."""
    from whoosh.fields import NUMERIC

    return {
        name: field
        for name, field in schema.items()
        if field.indexed and getattr(field, "analyzer", None) and not isinstance(field, NUMERIC)
    }


def documents(limit: int | None) -> tuple[list[dict[str, Any]], float]:
    """The search documents of the corpus, as a rebuild builds them; and how long that took."""
    from sonla_kb.search.documents import iter_documents

    started = time.perf_counter()
    docs = list(itertools.islice(iter_documents(), limit))
    return docs, time.perf_counter() - started


def _timed(values: list[str], count, budget: float) -> dict[str, Any]:
    """Run `count` over the values until done or out of time: values, tokens, chars, seconds."""
    if values:
        count(values[0])  # warm-up: a model or a cache is loaded on first use
    tokens = chars = done = 0
    started = time.perf_counter()
    for value in values:
        tokens += count(value)
        chars += len(value)
        done += 1
        if time.perf_counter() - started > budget:
            break
    seconds = time.perf_counter() - started
    return {
        "values": len(values),
        "done": done,
        "tokens": tokens,
        "chars": chars,
        "seconds": seconds,
        "tokens_per_s": tokens / seconds if seconds else None,
        "chars_per_s": chars / seconds if seconds else None,
        # Extrapolated to every value when the budget stopped the run early.
        "all_seconds": seconds * len(values) / done if done else 0.0,
    }


def by_field(docs: list[dict[str, Any]], fields: dict[str, Any], budget: float) -> list[dict]:
    """Each indexed field over its own values, as the writer analyses them."""

    def index_count(field: Any):
        return lambda value: sum(freq for _, freq, _, _ in field.index(value))

    rows = []
    for name, field in fields.items():
        values = [d[name] for d in docs if isinstance(d.get(name), str) and d[name]]
        row = _timed(values, index_count(field), budget)
        rows.append({"field": name, "analyser": analyser_name(field.analyzer), **row})
    return rows


def by_analyser(docs: list[dict[str, Any]], fields: dict[str, Any], budget: float) -> list[dict]:
    """Each distinct analyser of the schema over the same text: every record's longest field."""
    texts = []
    for doc in docs:
        values = [doc[n] for n in fields if isinstance(doc.get(n), str)]
        if values:
            texts.append(max(values, key=len))
    distinct: dict[str, tuple[Any, list[str]]] = {}
    for name, field in fields.items():
        key = analyser_name(field.analyzer)
        distinct.setdefault(key, (field.analyzer, []))[1].append(name)

    def token_count(analyzer: Any):
        return lambda value: sum(1 for _ in analyzer(value, positions=True, mode="index"))

    rows = []
    for key, (analyzer, names) in distinct.items():
        row = _timed(texts, token_count(analyzer), budget)
        rows.append({"analyser": key, "fields": names, **row})
    return rows


def measure(*, records: int | None, budget: float) -> dict[str, Any]:
    """Build the documents, then time every analyser by field and on the same text."""
    from sonla_kb.search.backends.whoosh.schema import build_schema

    docs, docs_seconds = documents(records)
    fields = indexed_fields(build_schema())
    return {
        "records": len(docs),
        "documents_seconds": docs_seconds,
        "budget_seconds": budget,
        "fields": by_field(docs, fields, budget),
        "analysers": by_analyser(docs, fields, budget),
    }


def main(argv: list[str] | None = None) -> None:
    """Measure analysis on the corpus the environment points at; write the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--records", type=int, default=None, help="only the first N documents")
    parser.add_argument("--seconds", type=float, default=15.0, help="time budget per analyser")
    args = parser.parse_args(argv)
    django.setup()
    result = measure(records=args.records, budget=args.seconds)
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
