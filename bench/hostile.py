"""`python -m bench.hostile --folder DIR` (called by `make bench` at its largest size).

Hostile queries against the production server: gunicorn with one worker (so every
request lands in the same process, whose memory is read from /proc), on the database and
index that `bench.run` built in DIR. Each query goes to /api/search/, /search/ and both
exports, one request at a time, timed to the last byte. The goals (issue: bounded query
cost): the worst answer within 1 s, the worker's memory grown by at most 100 MB over the
whole run, and no 5xx. Writes bench/out/hostile.md and hostile.json.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from .load.run import free_port, server_env, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL_WORST_S, GOAL_GROWTH_MIB = 1.0, 100.0
ENDPOINTS = ("/api/search/", "/search/", "/search/export.csv", "/search/export.json")
STREAMED = frozenset(ENDPOINTS[2:])
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("fuzzy ~8, 26 letters", {"q": _LETTERS + "~8"}),
    ("fuzzy ~2, 30 letters", {"q": _LETTERS + "abcd~2"}),
    (
        "fuzzy ~2 on 12 long words",
        {"q": " ".join(f"{_LETTERS[i:]}{_LETTERS[:i]}~2" for i in range(12))},
    ),
    ("fuzzy on short words", {"q": " ".join(f"{c}{c}~2" for c in _LETTERS[:16])}),
    ("open range {a TO}", {"q": "{a TO}"}),
    ("range [a TO zzzz]", {"q": "[a TO zzzz]"}),
    ("title range", {"q": "title:[a TO z]"}),
    ("year range, wide", {"q": "year:[0000 TO 9999]"}),
    ("lone *", {"q": "*"}),
    ("***", {"q": "***"}),
    ("?", {"q": "?"}),
    ("ten one-letter prefixes", {"q": " ".join(f"{c}*" for c in "abcdefghij")}),
    ("one-letter prefixes OR-ed", {"q": " OR ".join(f"{c}*" for c in _LETTERS)}),
    ("leading wildcards", {"q": "*a* *e* *i* *o*"}),
    ("wildcard ?*", {"q": "?* ?? *?*"}),
    ("many ORs", {"q": " OR ".join(f"w{i}" for i in range(70))}),
    ("nested parentheses", {"q": "(" * 60 + "coffee" + ")" * 60}),
    ("long phrase", {"q": '"' + " ".join(["the", "of", "and", "a", "to"] * 18) + '"'}),
    ("NOT only", {"q": "NOT coffee"}),
    ("500 characters of words", {"q": ("policy coffee export " * 30)[:500]}),
    ("prefix, newest first, 100 a page", {"q": "e*", "sort": "newest", "per_page": "100"}),
    ("prefix, page 40", {"q": "s*", "per_page": "100", "page": "40"}),
    (
        "fuzzy and prefixes with filters",
        {"q": "co* re~2 ma*", "type": "policy", "year": "2015-2025"},
    ),
]


def worker_pid(master: int) -> int:
    """The one worker of a gunicorn master."""
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def rss_mib(pid: int) -> float:
    """Resident memory of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fetch(url: str, *, timeout: float) -> tuple[int, float, float, int]:
    """Status, seconds to the first and to the last byte, and body size of one GET."""
    started = time.perf_counter()
    first = None
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our server
            head = response.read(1)
            first = time.perf_counter() - started
            size = len(head) + len(response.read())
            status = response.status
    except urllib.error.HTTPError as exc:
        size, status = len(exc.read()), exc.code
    except OSError:
        size, status = 0, 599  # no answer at all: the worker died or timed out
    total = time.perf_counter() - started
    return status, first if first is not None else total, total, size


def run(folder: Path, *, rounds: int, timeout: float) -> dict[str, Any]:
    """Start the server on `folder`, send every hostile query, stop it; the measurements."""
    port = free_port()
    env = server_env(folder, port, workers=1)
    env["ACCESS_LOG"] = "off"
    subprocess.run(
        [str(BIN / "python"), str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "hostile-server.log", "w"),  # noqa: SIM115 - closed with the process
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    rows: list[dict[str, Any]] = []
    try:
        wait_until_up(f"{base}/robots.txt", timeout=60)
        worker = worker_pid(server.pid)
        for warm in ("coffee", "policy export", "cà phê"):  # a worker as it is after real use
            for endpoint in ENDPOINTS:
                fetch(f"{base}{endpoint}?{urllib.parse.urlencode({'q': warm})}", timeout=timeout)
        rss_start = rss_mib(worker)
        for _ in range(rounds):
            for name, params in QUERIES:
                for endpoint in ENDPOINTS:
                    url = f"{base}{endpoint}?{urllib.parse.urlencode(params)}"
                    status, first, total, size = fetch(url, timeout=timeout)
                    # A streamed export answers with its first rows; the rest follows.
                    seconds = first if endpoint in STREAMED else total
                    rows.append(
                        {
                            "query": name,
                            "endpoint": endpoint,
                            "status": status,
                            "seconds": round(seconds, 4),
                            "whole_seconds": round(total, 4),
                            "bytes": size,
                        }
                    )
        alive = server.poll() is None and Path(f"/proc/{worker}").exists()
        rss_end = rss_mib(worker) if alive else None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    times = [r["seconds"] for r in rows]
    exports = [r for r in rows if r["endpoint"] in STREAMED]
    slowest_export = max(exports, key=lambda r: r["whole_seconds"])
    worst = max(rows, key=lambda r: r["seconds"])
    growth = None if rss_end is None else rss_end - rss_start
    return {
        "requests": len(rows),
        "rounds": rounds,
        "worst_seconds": worst["seconds"],
        "worst": worst,
        "median_seconds": round(statistics.median(times), 4),
        "slowest_whole_export": slowest_export,
        "p95_seconds": round(sorted(times)[int(0.95 * (len(times) - 1))], 4),
        "status_counts": _counts(r["status"] for r in rows),
        "server_errors": sum(r["status"] >= 500 for r in rows),
        "worker_rss_start_mib": round(rss_start, 1),
        "worker_rss_end_mib": None if rss_end is None else round(rss_end, 1),
        "worker_growth_mib": None if growth is None else round(growth, 1),
        "same_worker_throughout": rss_end is not None,
        "goals_met": (
            worst["seconds"] <= GOAL_WORST_S
            and growth is not None
            and growth <= GOAL_GROWTH_MIB
            and not any(r["status"] >= 500 for r in rows)
        ),
        "rows": rows,
        "load": [round(x, 2) for x in os.getloadavg()],
    }


def _counts(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def markdown(result: dict[str, Any], *, records: int | None) -> str:
    """The report: the goals, then the slowest answer of each query at each endpoint."""
    growth = result["worker_growth_mib"]
    worst = result["worst"]
    size = f", {records:,} records" if records else ""
    lines = [
        "# Hostile queries",
        "",
        f"{result['requests']} requests ({len(QUERIES)} queries x {len(ENDPOINTS)} endpoints x "
        f"{result['rounds']} rounds) to one gunicorn worker{size}; "
        f"load average at the end {result['load']}.",
        "",
        "| goal | measured | met |",
        "| --- | --- | --- |",
        f"| worst answer <= {GOAL_WORST_S:g} s | {result['worst_seconds']:.3f} s "
        f"({worst['query']}, {worst['endpoint']}) | "
        f"{_yes(result['worst_seconds'] <= GOAL_WORST_S)} |",
        f"| worker memory growth <= {GOAL_GROWTH_MIB:g} MB | {growth} MiB "
        f"({result['worker_rss_start_mib']} -> {result['worker_rss_end_mib']} MiB) | "
        f"{_yes(growth is not None and growth <= GOAL_GROWTH_MIB)} |",
        f"| no 5xx | {result['server_errors']} | {_yes(not result['server_errors'])} |",
        "",
        f"Median {result['median_seconds'] * 1000:.1f} ms, "
        f"p95 {result['p95_seconds'] * 1000:.1f} ms. Statuses: {result['status_counts']}.",
        "",
        "An export is streamed: its answer is timed to the first byte, when the download "
        "starts; the whole of the slowest one (up to 5,000 rows) took "
        f"{result['slowest_whole_export']['whole_seconds']:.2f} s "
        f"({result['slowest_whole_export']['query']}, "
        f"{result['slowest_whole_export']['bytes'] / 2**20:.1f} MiB). Cells are the slowest "
        "answer, and for exports the slowest whole download after the slash.",
        "",
        "| query | " + " | ".join(ENDPOINTS) + " |",
        "| --- |" + " --- |" * len(ENDPOINTS),
    ]
    for name, _params in QUERIES:
        cells = []
        for endpoint in ENDPOINTS:
            mine = [r for r in result["rows"] if r["query"] == name and r["endpoint"] == endpoint]
            slow = max(mine, key=lambda r: r["seconds"])
            cell = f"{slow['seconds'] * 1000:.0f} ms ({slow['status']})"
            if endpoint in STREAMED:
                whole = max(r["whole_seconds"] for r in mine)
                cell += f" / {whole * 1000:.0f} ms"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run against a prepared folder; write the report; exit 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="db.sqlite3 and index/ inside")
    parser.add_argument("--records", type=int, default=None, help="for the report")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    result = run(args.folder, rounds=args.rounds, timeout=args.timeout)
    args.out.mkdir(parents=True, exist_ok=True)
    text = markdown(result, records=args.records)
    (args.out / "hostile.md").write_text(text)
    (args.out / "hostile.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(text)
    return 0 if result["goals_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
