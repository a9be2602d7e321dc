"""`python -m bench.relevance [--out bench/out] [--no-readme] [--keep]`.

Loads the shipped dataset into a fresh temporary database and index, runs every judged
query through the site, FTS5 and plain Whoosh over the same records, scores them, and
writes relevance.md and relevance.json to --out and the summary table into README.md.
"""

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import dataset, judgments, report, scoring

ENGINES = ("site", "fts5", "whoosh")
WHOLE_PAGE = 100  # the site's largest page: its first 20 must be those of the pages of 10


def run(*, judgment_file: Path, folder: Path) -> dict[str, Any]:
    """Every query three ways; the scores, the summary and what the report shows."""
    started = time.perf_counter()
    judged = judgments.load(judgment_file)
    records = dataset.load(folder)
    loaded = time.perf_counter() - started

    from . import engines

    fts = engines.Fts5(records)
    rankers = {
        "site": engines.site(depth=scoring.RECALL_AT),
        "fts5": fts.rank,
        "whoosh": engines.PlainWhoosh(records).rank,
    }
    whole_page = engines.site(depth=scoring.RECALL_AT, per_page=WHOLE_PAGE)
    rows, paging = [], []
    for query in judged.queries:
        row: dict[str, Any] = {
            "id": query.id,
            "category": query.category,
            "q": query.q,
            "form": query.form,
            "variant_of": query.variant_of,
            "relevant": len(query.grades),
            "engines": {},
        }
        for name, rank in rankers.items():
            ranking = rank(query.q, scoring.RECALL_AT)
            row["engines"][name] = scoring.score_query(query, ranking, read=judged.read)
            if name == "site" and whole_page(query.q, scoring.RECALL_AT) != ranking:
                paging.append(query.id)
        rows.append(row)
    summary = scoring.summarise(rows, ENGINES)
    result = {
        "dataset": {**dataset.version(), "records": len(records)},
        "judgments": {
            "file": _shown(judgment_file),
            "sha256": hashlib.sha256(judgment_file.read_bytes()).hexdigest()[:16],
            "queries": len(judged.queries),
            "records_read": len(judged.read),
        },
        "engines": ENGINES,
        "summary": summary,
        "losses_to_fts5": scoring.losses(summary, engine="site", against="fts5"),
        "variants": scoring.variant_agreement(judged, rows, ENGINES),
        "paging_differs": paging,
        "fts5_errors": fts.errors,
        "queries": rows,
        "seconds": {"load": round(loaded, 1), "total": round(time.perf_counter() - started, 1)},
    }
    result["targets"] = scoring.targets(result)
    return result


def _shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    return str(path.relative_to(dataset.ROOT)) if path.is_relative_to(dataset.ROOT) else str(path)


def main(argv: list[str] | None = None) -> None:
    """Run the harness and write the reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=dataset.ROOT / "bench" / "out")
    parser.add_argument("--judgments", type=Path, default=judgments.PATH)
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sonla-relevance-"))
    try:
        result = run(judgment_file=args.judgments.resolve(), folder=folder)
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    written = report.write(result, out=args.out)
    if not args.no_readme:
        report.update_readme(result, readme=dataset.ROOT / "README.md")
        written.append(dataset.ROOT / "README.md")
    print(report.summary_table(result))
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
