"""`python -m bench.load.run [--users N] [--seconds S] [--workers W] [--rounds R]` (`make load`).

Starts the production server as `make serve` does (gunicorn with deploy/gunicorn.conf.py,
DJANGO_SETTINGS_MODULE=sonla_kb.settings.prod, HTTPS=off) on 127.0.0.1 with W workers
(default 3), with the shipped workshop dataset in a fresh temporary database and index.

1. locust, headless, with N users: /api/search/ for S seconds (default 60).
2. wrk (Debian's `wrk` package), R rounds (default 3): in each round /robots.txt, the
   home page, the policy list (with and without filters), record pages and /themes/, one
   after another, S/4 seconds each, with 2 × W connections. Each page is compared with
   /robots.txt of the same round: the goal is at least half its requests per second,
   with a p99 of 50 ms or less. Rounds interleave the endpoints, so that the load other
   processes put on the machine falls on all of them alike.

Writes bench/out/load.md: requests per second, median, 95th and 99th percentile latency,
errors, the CPU the server used per request and the load average.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
# (locust user class, endpoint, share of the run time)
PHASES = (("Search", "/api/search/", 1.0),)
TARGET_RPS, TARGET_P95_MS = 100, 150  # for /api/search/, from the issue
# (name, the paths wrk cycles through): every page of the goal, beside /robots.txt.
PAGES = (
    ("/robots.txt", ["/robots.txt"]),
    ("/", ["/"]),
    (
        "/policies/",
        ["/policies/", "/policies/?year=2019", "/policies/?theme=gap", "/policies/?sort=oldest"],
    ),
    (
        "record pages",
        [
            "/policies/pol-2019-processing-investment/",
            "/policies/gi-00056-son-la-coffee/",
            "/presentations/p01/",
            "/presentations/p07/",
        ],
    ),
    ("/themes/", ["/themes/"]),
)
PAGE_SHARE, PAGE_RATIO, PAGE_P99_MS = 0.25, 0.5, 50
WRK_SCRIPT = Path(__file__).with_name("paths.lua")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(folder: Path, port: int, workers: int | None) -> dict[str, str]:
    """Production settings, plain HTTP, everything in `folder`."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        HTTPS="off",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(folder / "index"),
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        CACHE_DIR=str(folder / "cache"),
        BIND=f"127.0.0.1:{port}",
        ACCESS_LOG=str(folder / "access.log"),
    )
    if workers:
        env["WORKERS"] = str(workers)
    return env


def prepare(env: dict[str, str]) -> None:
    """What `make serve` does before starting, plus loading the shipped dataset."""
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    for args in (
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["migrate", "--noinput", "--verbosity", "0"],
        ["import_kb", str(ROOT / "data" / "workshop" / "kb.json")],
        ["check_index", "--repair"],
    ):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, *, timeout: float = 30.0) -> None:
    """Wait for the server to answer."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own URL
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by a process group (the server and workers, live or reaped).

    A worker that gunicorn recycled (max_requests) is gone from /proc: its time is in the
    master's cutime and cstime once the master has reaped it.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            # utime + stime, and cutime + cstime of the children it reaped
            total += sum(int(f) for f in fields[11:15])
    return total / ticks


def read_stats(prefix: Path, name: str) -> dict[str, float]:
    """locust's summary of one endpoint."""
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == name:
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "median": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                }
    return {"requests": 0, "failures": 0, "rps": 0.0, "median": 0, "p95": 0, "p99": 0}


def run_phase(
    user_class: str, endpoint: str, *, base: str, users: int, seconds: int, folder: Path, pgid: int
) -> dict[str, float]:
    """One endpoint under load: locust's figures, and the server's CPU time per request."""
    prefix = folder / f"locust-{user_class}"
    cpu_before = group_cpu_seconds(pgid)
    subprocess.run(
        [
            str(BIN / "locust"),
            "--locustfile",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--host",
            base,
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            user_class,
        ],
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # the figures are read from the CSV files
    )
    stats = read_stats(prefix, endpoint)
    stats["seconds"] = seconds
    stats["cpu_ms"] = 1000 * (group_cpu_seconds(pgid) - cpu_before) / (stats["requests"] or 1)
    return stats


def run_wrk(
    paths: list[str], *, base: str, connections: int, seconds: int, pgid: int
) -> dict[str, float]:
    """wrk against these paths in turn: its figures, and the server's CPU time per request."""
    cpu_before = group_cpu_seconds(pgid)
    done = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(WRK_SCRIPT),
            base,
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    requests = figures["requests"]
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "seconds": seconds,
        "requests": requests,
        "failures": errors,
        "rps": requests / (figures["micros"] / 1e6),
        "median": figures["p50"] / 1000,
        "p95": figures["p95"] / 1000,
        "p99": figures["p99"] / 1000,
        "cpu_ms": 1000 * (group_cpu_seconds(pgid) - cpu_before) / (requests or 1),
        "load": os.getloadavg()[0],
    }


def warm_up(base: str, paths: list[str]) -> None:
    """Ask for each path once, so that no round pays for the first render."""
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=30):  # noqa: S310 - our own URL
            pass


def page_report(rounds: list[dict], *, connections: int) -> tuple[str, bool]:
    """The wrk rounds as a Markdown table, and whether every page meets the goal."""
    lines = [
        "",
        f"Pages beside /robots.txt (wrk, {connections} connections, {len(rounds)} rounds; each "
        f"page's share of /robots.txt's requests/s in the same round):",
        "",
        "| round | endpoint | requests/s | share of robots.txt | median ms | p95 ms | p99 ms "
        "| errors | server CPU ms per request | load average |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    met_rounds = 0
    for number, results in enumerate(rounds, 1):
        robots = results["/robots.txt"]["rps"] or 1
        met = True
        for name, s in results.items():
            share = s["rps"] / robots
            if name != "/robots.txt":
                met = met and share >= PAGE_RATIO and s["p99"] <= PAGE_P99_MS
            met = met and s["failures"] == 0
            lines.append(
                f"| {number} | `{name}` | {s['rps']:.0f} | {share:.2f} | {s['median']:.1f} | "
                f"{s['p95']:.1f} | {s['p99']:.1f} | {s['failures']} | {s['cpu_ms']:.1f} | "
                f"{s['load']:.1f} |"
            )
        met_rounds += met
    all_met = met_rounds == len(rounds)
    lines += [
        "",
        f"{met_rounds} of {len(rounds)} rounds meet the goal: every page at least "
        f"{PAGE_RATIO:g} × the requests/s of /robots.txt, with a p99 of {PAGE_P99_MS} ms or "
        "less, and no error.",
    ]
    return "\n".join(lines) + "\n", all_met


def machine() -> str:
    """A line about where the figures come from."""
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"


def report(results: dict, *, users: int, workers: str, about: str) -> tuple[str, bool]:
    """The figures as a Markdown table, and whether /api/search/ meets the target."""
    lines = [
        f"Load test: one endpoint at a time, {users} users without think time, gunicorn with "
        f"{workers} workers, the shipped dataset in SQLite; {about}.",
        "",
        "| endpoint | seconds | requests | requests/s | median ms | p95 ms | p99 ms | errors "
        "| server CPU ms per request | load average after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for endpoint, s in results.items():
        lines.append(
            f"| `{endpoint}` | {s['seconds']} | {s['requests']} | {s['rps']:.0f} | "
            f"{s['median']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} | {s['failures']} | "
            f"{s['cpu_ms']:.1f} | {s['load']:.1f} |"
        )
    search = results["/api/search/"]
    met = (
        search["rps"] >= TARGET_RPS
        and search["p95"] <= TARGET_P95_MS
        and all(s["failures"] == 0 for s in results.values())
    )
    verdict = "meets" if met else "MISSES"
    lines += [
        "",
        f"/api/search/ {verdict} the target of at least {TARGET_RPS} requests/s with a p95 of "
        f"{TARGET_P95_MS} ms or less, and no request failed.",
    ]
    return "\n".join(lines) + "\n", met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", 10)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or 3))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("LOAD_ROUNDS", 3)))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sonla-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(folder, port, args.workers or None)
    results: dict[str, dict] = {}
    rounds: list[dict[str, dict]] = []
    connections = 2 * (args.workers or os.cpu_count() * 2 + 1)
    server = None
    try:
        prepare(env)
        with open(folder / "server.log", "w") as log:
            server = subprocess.Popen(
                [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until_up(base + "/")
        for user_class, endpoint, share in PHASES:
            seconds = max(5, round(args.seconds * share))
            results[endpoint] = run_phase(
                user_class,
                endpoint,
                base=base,
                users=args.users,
                seconds=seconds,
                folder=folder,
                pgid=server.pid,
            )
            results[endpoint]["load"] = os.getloadavg()[0]
        for _name, paths in PAGES:
            warm_up(base, paths)
        for _ in range(args.rounds):
            rounds.append(
                {
                    name: run_wrk(
                        paths,
                        base=base,
                        connections=connections,
                        seconds=max(5, round(args.seconds * PAGE_SHARE)),
                        pgid=server.pid,
                    )
                    for name, paths in PAGES
                }
            )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log_path = folder / "server.log"
        log_text = log_path.read_text(errors="replace") if log_path.exists() else ""
        errors = [
            line for line in log_text.splitlines() if " ERROR " in line or "Traceback" in line
        ]
        shutil.rmtree(folder, ignore_errors=True)
    workers = str(args.workers) if args.workers else f"2 × {os.cpu_count()} + 1"
    text, met = report(results, users=args.users, workers=workers, about=machine())
    pages, pages_met = page_report(rounds, connections=connections)
    text += pages
    met = met and pages_met
    if errors:
        text += f"\nThe server logged {len(errors)} error line(s), e.g. {errors[0]!r}.\n"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.md").write_text(text)
    print(text)
    return 0 if met and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
