"""The relevance report: Markdown and JSON in bench/out/, and the summary in README.md."""

import json
import re
from pathlib import Path
from typing import Any

from .judgments import CATEGORIES
from .scoring import MEASURES, NDCG_AT, P_AT, RECALL_AT

START, END = "<!-- relevance:start -->", "<!-- relevance:end -->"
LABELS = {"p5": f"P@{P_AT}", "ndcg10": f"nDCG@{NDCG_AT}", "recall20": f"R@{RECALL_AT}"}
NAMES = {"site": "site", "fts5": "FTS5", "whoosh": "Whoosh", "postgres": "site on PostgreSQL"}
DEFINITIONS = (
    f"P@{P_AT}: relevant results (grade 1 or more) among the first {P_AT}, out of {P_AT} or "
    f"out of the number of relevant records when there are fewer (so a perfect ranking "
    f"scores 1; an empty place is a miss). nDCG@{NDCG_AT}: gains 2^grade − 1, discount "
    f"log2(rank + 1), over the ideal ordering of the judged records. R@{RECALL_AT}: the "
    f"share of the judged-relevant records found in the first {RECALL_AT} results (the "
    "first two pages of 10). Each is the mean over the queries of a category; a record "
    "nobody graded counts as not relevant."
)


def fmt(value: float | None) -> str:
    """A measure with two decimals, or a dash when undefined."""
    return "–" if value is None else f"{value:.2f}"


def summary_table(result: dict[str, Any]) -> str:
    """Per category and over all queries: each measure, engine by engine."""
    engines = result["engines"]
    head = ["category", "queries"] + [f"{LABELS[m]} {NAMES[e]}" for m in MEASURES for e in engines]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for category in (*CATEGORIES, "all"):
        row = result["summary"].get(category)
        if row is None:
            continue
        cells = [_best(row, m, e, engines) for m in MEASURES for e in engines]
        name = "**all**" if category == "all" else category
        lines.append(f"| {name} | {row['queries']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _best(row: dict[str, Any], measure: str, engine: str, engines: tuple[str, ...]) -> str:
    value = row[engine][measure]
    top = max((row[e][measure] for e in engines if row[e][measure] is not None), default=None)
    text = fmt(value)
    return f"**{text}**" if value is not None and top is not None and value >= top - 1e-9 else text


def losses_text(result: dict[str, Any]) -> str:
    """Where the site scores below FTS5, in one sentence."""
    lost = result["losses_to_fts5"]
    if not lost:
        return "The site scores at or above FTS5 in every category and measure."
    by_category: dict[str, list[str]] = {}
    for category, measure in lost:
        by_category.setdefault(category, []).append(LABELS[measure])
    parts = [f"{c} ({', '.join(ms)})" for c, ms in by_category.items()]
    return "The site scores below FTS5 in: " + "; ".join(parts) + "."


def targets_text(result: dict[str, Any]) -> str:
    """How many of the issues' targets the site meets (the report lists them)."""
    met = sum(1 for t in result["targets"] if t["met"])
    return (
        f"Targets of issues 9 and 10 met: {met} of {len(result['targets'])} "
        "(listed in `bench/out/relevance.md`)."
    )


def version_text(result: dict[str, Any]) -> str:
    """Which data and which judgments the figures are for."""
    d, j = result["dataset"], result["judgments"]
    return (
        f"Dataset `data/workshop/kb.json` sha256 `{d['kb.json sha256']}`, files sha256 "
        f"`{d['files sha256']}`, {d['records']} public records; judgments `{j['file']}` "
        f"sha256 `{j['sha256']}`, {j['queries']} queries."
    )


def markdown(result: dict[str, Any]) -> str:
    """The whole report."""
    engines = result["engines"]
    out = [
        "# Relevance: the site, SQLite FTS5 and plain Whoosh on the shipped dataset",
        "",
        version_text(result),
        "Run time {total} s: loading {load} s, the queries {queries} s, the paging check "
        "{paging} s.".format(**result["seconds"]),
        "",
        DEFINITIONS,
        "",
        "Engines: **site** = `sonla_kb.search.search` as /api/search/ answers, pages of 10; "
        "**FTS5** = SQLite FTS5 `unicode61 remove_diacritics 2` (no stemming), bm25, each "
        "word quoted, operators and fields passed through as FTS5 syntax; **Whoosh** = plain "
        "Whoosh, "
        "StemmingAnalyzer on title and text, default MultifieldParser. All three index the "
        "same text: the site's own search documents (title, text, people, theme names in "
        "both languages, attached files).",
        "",
        "## By category",
        "",
        summary_table(result),
        "",
        losses_text(result),
        "",
    ]
    out += _targets(result) + _variants(result) + _paging(result)
    out += _unjudged(result) + _missing(result) + _errors(result)
    out += ["## Query by query", ""]
    for category in CATEGORIES:
        rows = [r for r in result["queries"] if r["category"] == category]
        if not rows:
            continue
        out += [f"### {category}", "", _query_table(rows, engines), ""]
    return "\n".join(out) + "\n"


def _targets(result: dict[str, Any]) -> list[str]:
    lines = ["## The site against the targets of issues 9 and 10", ""]
    lines += ["| target | site | met |", "| --- | --- | --- |"]
    for t in result["targets"]:
        value = fmt(t["value"]) if isinstance(t["value"], float) else t["value"]
        lines.append(f"| {t['target']} | {value} | {'yes' if t['met'] else 'no'} |")
    return [*lines, ""]


def _variants(result: dict[str, Any]) -> list[str]:
    lines = ["## Variants against their ordinary form", ""]
    for engine, v in result["variants"].items():
        differing = ", ".join(f"`{d}`" for d in v["differing"]) or "none"
        lines.append(
            f"- {NAMES[engine]}: {v['same_top10']} of {v['variants']} variants give the same "
            f"top 10 as their ordinary form; differing: {differing}."
        )
    return [*lines, ""]


def _paging(result: dict[str, Any]) -> list[str]:
    differs = result["paging_differs"]
    listed = ", ".join(f"`{q}`" for q in differs) or "none"
    edited = result["paging_differs_after_edits"]
    after = ", ".join(f"`{q}`" for q in edited["queries"]) or "none"
    return [
        "## Paging",
        "",
        "The site's first 20 results read page by page against one page of 100. On the "
        f"freshly built index, in pages of 10: {len(differs)} queries differ ({listed}). "
        f"After {edited['records_saved']} records were saved again one by one, so that the "
        "index has several segments, in the first three pages of 3 and of 10, for the "
        "queries in vi_accents and variants and "
        f"the broad queries of issue 9: {len(edited['queries'])} differ ({after}). The "
        "scores above are those of the fresh index.",
        "",
    ]


def _unjudged(result: dict[str, Any]) -> list[str]:
    seen: dict[str, set[str]] = {}
    for row in result["queries"]:
        for data in row["engines"].values():
            for rid in data["unjudged_top5"]:
                seen.setdefault(rid, set()).add(row["id"])
    lines = ["## Records in a top 5 that nobody has judged", ""]
    if not seen:
        return [*lines, "None: every record in a top 5 was read when the judgments were made.", ""]
    for rid, queries in sorted(seen.items()):
        lines.append(f"- `{rid}`: in the top 5 of {', '.join(sorted(queries))}")
    return [*lines, "", "Read these records and add their grades to the judgment file.", ""]


def _missing(result: dict[str, Any]) -> list[str]:
    gone = result["judged_but_missing"]
    if not gone:
        return []
    return [
        "## Judged records that are no longer public",
        "",
        "Graded in the judgment file but not among the public records (renamed, removed or "
        "unpublished); every engine misses them: " + ", ".join(f"`{k}`" for k in gone) + ".",
        "",
    ]


def _errors(result: dict[str, Any]) -> list[str]:
    errors = result["fts5_errors"]
    if not errors:
        return []
    lines = ["## Queries FTS5 could not read (counted as no results)", ""]
    lines += [f"- `{q}`: {e}" for q, e in errors.items()]
    return [*lines, ""]


def _query_table(rows: list[dict[str, Any]], engines: tuple[str, ...]) -> str:
    head = ["id", "query", "rel."] + [NAMES[e] for e in engines] + ["missed in the first 20"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for row in rows:
        scores = [" / ".join(fmt(row["engines"][e][m]) for m in MEASURES) for e in engines]
        missed = "; ".join(
            f"{NAMES[e]}: {', '.join(row['engines'][e]['missed'])}"
            for e in engines
            if row["engines"][e]["missed"]
        )
        query = row["q"].replace("|", "\\|")
        if row["form"]:
            query += f" ({row['form']})"
        lines.append(
            f"| {row['id']} | `{query}` | {row['relevant']} | "
            + " | ".join(scores)
            + f" | {missed or '–'} |"
        )
    lines.append("")
    lines.append(f"Each engine's cell: {' / '.join(LABELS[m] for m in MEASURES)}.")
    return "\n".join(lines)


def write(result: dict[str, Any], *, out: Path) -> list[Path]:
    """Write relevance.md and relevance.json to `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "relevance.md", out / "relevance.json"
    md.write_text(markdown(result), encoding="utf-8")
    js.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [md, js]


def readme_block(result: dict[str, Any]) -> str:
    """What goes between the README's markers."""
    return "\n".join(
        [
            START,
            summary_table(result),
            "",
            losses_text(result),
            targets_text(result),
            version_text(result),
            END,
        ]
    )


def update_readme(result: dict[str, Any], *, readme: Path) -> None:
    """Replace the table between the markers; refuse when the markers are not there once."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise SystemExit(f"{readme}: needs exactly one {START} … {END} block")
    readme.write_text(pattern.sub(lambda _: readme_block(result), text), encoding="utf-8")
