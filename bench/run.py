"""`python -m bench.run [--sizes 5000,20000,50000] [--corpus en,vi] [--rounds K] [--out DIR]
[--postgres URL]`.

For each size and each corpus (English from /usr/share/doc, Vietnamese from the
Vietnamese message catalogues), in a fresh temporary folder: a corpus file, a fresh
SQLite database and index, `migrate`, `import_kb` and `rebuild_index` as timed child
processes, an FTS5 table of the same text, then the query benchmark of the corpus's
language in its own process. At the smallest size each corpus also rebuilds with the
other number of processes (1 or 2; `--second-rebuild all` at every size) and times the
schema's analysers alone (`bench.analysis`). With `--postgres URL` (a database the run
may drop and create again), each size and corpus is also measured as the site on
PostgreSQL: that database made afresh, `migrate`, `import_kb`, `rebuild_index` with
SEARCH_BACKEND=postgres, and the same queries' full answer. A part that fails is
reported in the tables, and the run goes on.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from . import corpus, report
from .corpora import CORPORA, parse_names
from .measure import ChildRun, run_child

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "sonla_kb.settings.dev"
SOURCE_FOLDERS = ("sonla_kb", "policies", "presentations")
_INDEXED_RE = re.compile(r"Indexed (\d+) records in ([\d.]+)s")


def child_env(folder: Path) -> dict[str, str]:
    """The environment of every child: the settings, and the database and index in `folder`."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        SEARCH_BACKEND="whoosh",  # whatever the caller's: SQLite has no other
        SEARCH_INDEX_DIR=str(folder / "index"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def postgres_env(folder: Path, url: str) -> dict[str, str]:
    """The environment of a child of the PostgreSQL part: that database, its search."""
    env = child_env(folder)
    env.update(DATABASE_URL=url, SEARCH_BACKEND="postgres")
    return env


def recreate_database(url: str, *, create: bool = True) -> None:
    """Drop the database `url` names and create it again, empty (through the server's
    `postgres` database, with the same user); with `create` False, only drop it."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise ValueError(f"{url}: no database name")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_postgres(
    size: int,
    corpus_name: str,
    *,
    kb: Path,
    folder: Path,
    args: argparse.Namespace,
    out: dict[str, Any],
) -> None:
    """The site on PostgreSQL at one size: the same corpus imported, rebuilt and queried
    (the full answer), into `out["postgres"]`; a failed part skips the later ones."""
    pg: dict[str, Any] = {"steps": {}}
    out["postgres"] = pg
    env, logs = postgres_env(folder, args.postgres), folder / "logs-postgres"
    py, manage = sys.executable, str(ROOT / "manage.py")
    tag = f"{size} {corpus_name} PostgreSQL"

    def run(name: str, argv: list[str], records: int | None = None) -> ChildRun:
        log(f"  {tag}: {name} ...")
        child = run_child(argv, env=env, cwd=ROOT, logs=logs, timeout=args.timeout)
        pg["steps"][name] = step_result(child, records)
        status = "ok" if child.ok else "FAILED"
        log(f"  {tag}: {name} {status} in {child.seconds:.1f}s, peak {child.maxrss_mib:.0f} MiB")
        return child

    try:
        recreate_database(args.postgres)
    except Exception as exc:  # reported in the tables; the run goes on
        pg["error"] = f"the database could not be made afresh: {type(exc).__name__}: {exc}"
        log(f"  {tag}: FAILED: {pg['error']}")
        return
    if not run("migrate", [py, manage, "migrate", "--noinput"]).ok:
        return
    if not run("import_kb", [py, manage, "import_kb", str(kb)], records=size).ok:
        return
    child = run("rebuild_index", [py, manage, "rebuild_index"], records=size)
    match = _INDEXED_RE.search(child.stdout)
    if match:
        pg["steps"]["rebuild_index"]["indexed"] = int(match.group(1))
        pg["steps"]["rebuild_index"]["own_seconds"] = float(match.group(2))
    if not child.ok:
        return
    pg["disk_mib"] = database_mib(args.postgres)
    raw = folder / "queries-postgres.json"
    prof = Path(args.out) / f"profile-postgres-{corpus_name}-{size}.txt"
    argv = [py, "-m", "bench.queries", "--kb", str(kb), "--ways", "full", "--json", str(raw)]
    argv += ["--rounds", str(args.rounds), "--corpus", corpus_name]
    argv += ["--profile", str(args.profile), "--profile-out", str(prof)]
    if args.queries is not None:
        argv += ["--queries", str(args.queries)]
    if run("queries", argv).ok:
        pg["queries"] = json.loads(raw.read_text())


def database_mib(url: str) -> dict[str, float]:
    """The size of the whole database, and of the search tables with their indexes."""
    import psycopg

    with psycopg.connect(url) as conn:
        whole, tables = conn.execute(
            "SELECT pg_database_size(current_database()),"
            " pg_total_relation_size('search_document') + pg_total_relation_size('search_word')"
        ).fetchone()
    return {"db": round(whole / 2**20, 1), "search tables": round(tables / 2**20, 1)}


def step_result(run: ChildRun, records: int | None = None) -> dict[str, Any]:
    """What the report needs from one child run."""
    result: dict[str, Any] = {
        "ok": run.ok,
        "seconds": round(run.seconds, 3),
        "maxrss_mib": round(run.maxrss_mib, 1),
        "tree_peak_mib": round(run.tree_peak_mib, 1),
        "argv": " ".join(run.argv[1:]),
    }
    if records is not None and run.ok:
        result["records"] = records
        result["rate"] = records / run.seconds if run.seconds else None
    if not run.ok:
        result["error"] = f"exit {run.returncode}: {run.tail()}"
    return result


def bench_size(
    size: int, corpus_name: str, paragraphs: list[str], args: argparse.Namespace
) -> dict[str, Any]:
    """Every measurement at one size of one corpus; a failed part is recorded, later parts
    skipped."""
    folder = Path(tempfile.mkdtemp(prefix=f"sonla-bench-{corpus_name}-{size}-"))
    env, logs = child_env(folder), folder / "logs"
    py, manage = sys.executable, str(ROOT / "manage.py")
    tag = f"{size} {corpus_name}"
    out: dict[str, Any] = {
        "size": size,
        "corpus_name": corpus_name,
        "folder": str(folder),
        "steps": {},
    }
    out["load_before"] = wait_for_quiet(args.quiet_load, args.quiet_wait)
    at_start = source_hashes()
    steps = out["steps"]

    def run(name: str, argv: list[str], records: int | None = None) -> ChildRun:
        log(f"  {tag}: {name} ...")
        child = run_child(argv, env=env, cwd=ROOT, logs=logs, timeout=args.timeout)
        steps[name] = step_result(child, records)
        status = "ok" if child.ok else "FAILED"
        log(f"  {tag}: {name} {status} in {child.seconds:.1f}s, peak {child.maxrss_mib:.0f} MiB")
        return child

    try:
        kb = folder / "kb.json"
        started = time.perf_counter()
        stats = corpus.write_kb(kb, size, paragraphs, voice=CORPORA[corpus_name].voice)
        out["corpus"] = {**asdict(stats), "seconds": round(time.perf_counter() - started, 2)}
        out["corpus"]["file_mib"] = round(kb.stat().st_size / 2**20, 1)
        if not run("migrate", [py, manage, "migrate", "--noinput"]).ok:
            return out
        if not run("import_kb", [py, manage, "import_kb", str(kb)], records=size).ok:
            return out
        default = out["rebuild_default_procs"] = default_procs(env)
        other = 2 if default == 1 else 1
        rebuilds = [("rebuild_index", [])]
        if args.second_rebuild == "all" or (
            args.second_rebuild == "smallest" and size == args.analysis_size
        ):
            rebuilds.insert(0, (f"rebuild_index --procs {other}", ["--procs", str(other)]))
        # The default last: the queries run on the index the command builds by default.
        for name, extra in rebuilds:
            child = run(name, [py, manage, "rebuild_index", *extra], records=size)
            match = _INDEXED_RE.search(child.stdout)
            if match:
                steps[name]["indexed"] = int(match.group(1))
                steps[name]["own_seconds"] = float(match.group(2))
        out["disk_mib"] = {
            "db": round(_size(folder / "db.sqlite3") / 2**20, 1),
            "index": round(_size(folder / "index") / 2**20, 1),
        }
        fts_db = folder / "fts.sqlite3"
        child = run("fts5 build", [py, "-m", "bench.fts", str(kb), str(fts_db)], records=size)
        if child.ok:
            built = json.loads(child.stdout.strip().splitlines()[-1])
            steps["fts5 build"]["rate"] = built["records"] / built["seconds"]
            out["disk_mib"]["fts5"] = round(_size(fts_db) / 2**20, 1)
        if size == args.analysis_size:
            raw = folder / "analysis.json"
            argv = [py, "-m", "bench.analysis", "--json", str(raw)]
            if run("analysis", [*argv, "--seconds", str(args.analysis_seconds)]).ok:
                out["analysis"] = json.loads(raw.read_text())
        raw = folder / "queries.json"
        prof = Path(args.out) / f"profile-{corpus_name}-{size}.txt"
        argv = [py, "-m", "bench.queries", "--kb", str(kb), "--fts", str(fts_db)]
        argv += ["--json", str(raw), "--rounds", str(args.rounds), "--corpus", corpus_name]
        argv += ["--profile", str(args.profile), "--profile-out", str(prof)]
        if args.queries is not None:
            argv += ["--queries", str(args.queries)]
        if run("queries", argv).ok:
            out["queries"] = json.loads(raw.read_text())
        if args.postgres:
            bench_postgres(size, corpus_name, kb=kb, folder=folder, args=args, out=out)
        if size == args.hostile_size and corpus_name == args.hostile_corpus:
            argv = [py, "-m", "bench.hostile", "--folder", str(folder), "--records", str(size)]
            run("hostile queries", [*argv, "--out", str(args.out)])
            hostile = Path(args.out) / "hostile.json"
            if hostile.exists():
                out["hostile"] = {
                    k: v for k, v in json.loads(hostile.read_text()).items() if k != "rows"
                }
    except Exception as exc:  # a bug here must not lose the other sizes' results
        out["error"] = f"{type(exc).__name__}: {exc}"
        log(f"  {tag}: FAILED: {out['error']}")
    finally:
        out["load_after"] = [round(x, 2) for x in os.getloadavg()]
        out["sources_changed"] = changed_sources(args.baseline)
        out["sources_changed_during"] = changed_sources(at_start)
        if args.keep:
            log(f"  {tag}: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return out


def default_procs(env: dict[str, str]) -> int | None:
    """How many indexing processes `rebuild_index` uses when not told (None if unknown)."""
    code = (
        "import django; django.setup(); "
        "from sonla_kb.management.commands.rebuild_index import Command; "
        "print(Command().create_parser('manage.py', 'rebuild_index').get_default('procs'))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return int(done.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def source_hashes() -> dict[str, str]:
    """Each Python source of the project, by path: a digest of its content."""
    hashes = {}
    for folder in SOURCE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            content = path.read_bytes()
            hashes[str(path.relative_to(ROOT))] = hashlib.sha1(
                content, usedforsecurity=False
            ).hexdigest()
    return hashes


def changed_sources(before: dict[str, str]) -> list[str]:
    """The sources added, removed or edited since `before`."""
    now = source_hashes()
    return sorted(p for p in before.keys() | now.keys() if before.get(p) != now.get(p))


def digest(hashes: dict[str, str]) -> str:
    """One short digest of all the sources."""
    whole = hashlib.sha1(usedforsecurity=False)
    for path, value in sorted(hashes.items()):
        whole.update(f"{path}:{value}\n".encode())
    return whole.hexdigest()[:12]


def wait_for_quiet(limit: float, patience: float) -> list[float]:
    """Wait (at most `patience` seconds) for the 1-minute load to fall below `limit`."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(5)
    return [round(x, 2) for x in os.getloadavg()]


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def log(message: str) -> None:
    """Progress, on stderr, so that stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,50000")
    parser.add_argument(
        "--corpus", default="en,vi", help="the corpora, comma-separated: en, vi (default both)"
    )
    parser.add_argument("--queries", type=int, default=None, help="only the first N queries")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per query")
    parser.add_argument("--profile", type=int, default=4, help="profile the N slowest queries")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per child process")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument(
        "--quiet-load", type=float, default=1.0, help="before each size, wait for load below this"
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=60, help="seconds to wait at most for that"
    )
    parser.add_argument(
        "--analysis-seconds", type=float, default=10, help="time budget of each analyser timing"
    )
    parser.add_argument(
        "--second-rebuild",
        choices=("smallest", "all", "none"),
        default="smallest",
        help="where to rebuild again with the other number of processes (1 or 2): at the "
        "smallest size (the default, which keeps the run short), at every size, or nowhere",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also measure the site on PostgreSQL (SEARCH_BACKEND=postgres) in this database, "
        "which the run drops and creates again at each size: give it one of its own",
    )
    args = parser.parse_args(argv)
    try:
        args.corpora = parse_names(args.corpus)
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError as exc:
        parser.error(str(exc))
    if not args.size_list or min(args.size_list) < 1:
        parser.error("--sizes needs at least one size of 1 record or more")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at every size; print and write the report."""
    args = parse_args(argv)
    sizes = args.size_list
    args.hostile_size = max(sizes)  # the hostile queries run once, on the largest index
    args.hostile_corpus = args.corpora[0]  # ... of the first corpus
    args.analysis_size = min(sizes)  # analysis alone is timed once per corpus
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    args.baseline = source_hashes()
    results: dict[str, Any] = {
        "machine": {**report.machine(), "sources": digest(args.baseline)},
        "corpora": {},
        "sizes": [],
    }
    texts: dict[str, list[str]] = {}
    for name in args.corpora:
        chosen = CORPORA[name]
        log(f"Collecting {chosen.voice.unit}s from {chosen.root} ...")
        texts[name], files = chosen.collect()
        log(f"  {len(texts[name])} distinct {chosen.voice.unit}s from {files} files")
        results["corpora"][name] = {
            "label": chosen.label,
            "root": str(chosen.root),
            "files": files,
            "unit": chosen.voice.unit,
            "texts": len(texts[name]),
            "chars": sum(map(len, texts[name])),
        }
    # Size by size, both corpora at each size: an interrupted run still compares them.
    for size in sizes:
        for name in args.corpora:
            log(f"Size {size}, corpus {name}:")
            result = bench_size(size, name, texts[name], args)
            results["sizes"].append(result)
            text = report.size_markdown(result)
            (out_dir / f"results-{name}-{size}.md").write_text(text)
    results["seconds"] = round(time.perf_counter() - started, 1)
    # The figures first: a fault in the report must not lose them.
    (out_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    combined = report.combined_markdown(results)
    (out_dir / "results.md").write_text(combined)
    print(combined)
    failed = [(r["size"], r["corpus_name"]) for r in results["sizes"] if report.failures(r)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
