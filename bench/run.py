"""`python -m bench.run [--sizes 5000,20000,50000] [--queries N] [--rounds K] [--out bench/out]`.

For each size, in a fresh temporary folder: a corpus file, a fresh SQLite database and
index, `migrate`, `import_kb` and `rebuild_index` (with --procs 2, then the default) as
timed child processes, an FTS5 table of the same text, then the query benchmark in its
own process. A part that fails is reported in the tables, and the run goes on.
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

from . import corpus, report
from .measure import ChildRun, run_child
from .queries import QUERIES

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
        SEARCH_INDEX_DIR=str(folder / "index"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


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


def bench_size(size: int, paragraphs: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement at one corpus size; a failed part is recorded, later parts skipped."""
    folder = Path(tempfile.mkdtemp(prefix=f"sonla-bench-{size}-"))
    env, logs = child_env(folder), folder / "logs"
    py, manage = sys.executable, str(ROOT / "manage.py")
    out: dict[str, Any] = {"size": size, "folder": str(folder), "steps": {}}
    out["load_before"] = wait_for_quiet(args.quiet_load, args.quiet_wait)
    at_start = source_hashes()
    steps = out["steps"]

    def run(name: str, argv: list[str], records: int | None = None) -> ChildRun:
        log(f"  {size}: {name} ...")
        child = run_child(argv, env=env, cwd=ROOT, logs=logs, timeout=args.timeout)
        steps[name] = step_result(child, records)
        status = "ok" if child.ok else "FAILED"
        log(f"  {size}: {name} {status} in {child.seconds:.1f}s, peak {child.maxrss_mib:.0f} MiB")
        return child

    try:
        kb = folder / "kb.json"
        started = time.perf_counter()
        stats = corpus.write_kb(kb, size, paragraphs)
        out["corpus"] = {**asdict(stats), "seconds": round(time.perf_counter() - started, 2)}
        out["corpus"]["file_mib"] = round(kb.stat().st_size / 2**20, 1)
        if not run("migrate", [py, manage, "migrate", "--noinput"]).ok:
            return out
        if not run("import_kb", [py, manage, "import_kb", str(kb)], records=size).ok:
            return out
        default = out["rebuild_default_procs"] = default_procs(env)
        other = 2 if default == 1 else 1
        # The default last: the queries run on the index the command builds by default.
        for name, extra in (
            (f"rebuild_index --procs {other}", ["--procs", str(other)]),
            ("rebuild_index", []),
        ):
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
        raw = folder / "queries.json"
        prof = Path(args.out) / f"profile-{size}.txt"
        argv = [py, "-m", "bench.queries", "--kb", str(kb), "--fts", str(fts_db)]
        argv += ["--json", str(raw), "--rounds", str(args.rounds), "--queries", str(args.queries)]
        argv += ["--profile", str(args.profile), "--profile-out", str(prof)]
        if run("queries", argv).ok:
            out["queries"] = json.loads(raw.read_text())
        if size == args.hostile_size:
            argv = [py, "-m", "bench.hostile", "--folder", str(folder), "--records", str(size)]
            run("hostile queries", [*argv, "--out", str(args.out)])
            hostile = Path(args.out) / "hostile.json"
            if hostile.exists():
                out["hostile"] = {
                    k: v for k, v in json.loads(hostile.read_text()).items() if k != "rows"
                }
    except Exception as exc:  # a bug here must not lose the other sizes' results
        out["error"] = f"{type(exc).__name__}: {exc}"
        log(f"  {size}: FAILED: {out['error']}")
    finally:
        out["load_after"] = [round(x, 2) for x in os.getloadavg()]
        out["sources_changed"] = changed_sources(args.baseline)
        out["sources_changed_during"] = changed_sources(at_start)
        if args.keep:
            log(f"  {size}: kept {folder}")
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
    parser.add_argument("--queries", type=int, default=len(QUERIES), help="how many of the queries")
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at every size; print and write the report."""
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.hostile_size = max(sizes)  # the hostile queries run once, on the largest index
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    args.baseline = source_hashes()
    log(f"Collecting paragraphs from {corpus.DOC_ROOT} ...")
    paragraphs, files = corpus.collect_paragraphs()
    log(f"  {len(paragraphs)} distinct paragraphs from {files} files")
    results = {
        "machine": {**report.machine(), "sources": digest(args.baseline)},
        "source": {"root": str(corpus.DOC_ROOT), "files": files, "paragraphs": len(paragraphs)},
        "sizes": [],
    }
    for size in sizes:
        log(f"Size {size}:")
        result = bench_size(size, paragraphs, args)
        results["sizes"].append(result)
        text = report.size_markdown(result)
        (out_dir / f"results-{size}.md").write_text(text)
    results["seconds"] = round(time.perf_counter() - started, 1)
    combined = report.combined_markdown(results)
    (out_dir / "results.md").write_text(combined)
    (out_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(combined)
    failed = [r["size"] for r in results["sizes"] if report.failures(r)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
