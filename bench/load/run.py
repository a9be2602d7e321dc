"""`python -m bench.load.run [--users N] [--seconds S] [--workers W]` (`make load`).

Starts the production server as `make serve` does (gunicorn with deploy/gunicorn.conf.py,
DJANGO_SETTINGS_MODULE=sonla_kb.settings.prod, HTTPS=off) on 127.0.0.1, with the
shipped workshop dataset in a fresh temporary database and index, then runs locust
headless against each endpoint in turn with a fixed number of users: /api/search/ for
S seconds (default 60), the home page and the policy list for half as long. Writes
bench/out/load.md: requests per second, median and 95th-percentile latency, errors, and
the CPU the server used per request.
"""

import argparse
import csv
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
PHASES = (
    ("Search", "/api/search/", 1.0),
    ("HomePage", "/", 0.5),
    ("PolicyList", "/policies/", 0.5),
)
TARGET_RPS, TARGET_P95_MS = 100, 150  # for /api/search/, from the issue


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
    """CPU time used so far by every live process of a process group (the server and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime + stime
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
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or 0))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sonla-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(folder, port, args.workers or None)
    results: dict[str, dict] = {}
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
    if errors:
        text += f"\nThe server logged {len(errors)} error line(s), e.g. {errors[0]!r}.\n"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.md").write_text(text)
    print(text)
    return 0 if met and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
