"""Measuring: child processes with their peak memory, and percentiles of timings."""

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_EVERY = 0.2  # seconds between two readings of the process tree's memory


@dataclass
class ChildRun:
    """How one child process went: time, exit code, peak memory, its output."""

    argv: list[str]
    seconds: float
    returncode: int
    maxrss_mib: float  # wait4's ru_maxrss: the largest single process of the child's tree
    tree_peak_mib: float  # sampled: the most the child and its descendants held together
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """True when the child exited with status 0."""
        return self.returncode == 0

    def tail(self, lines: int = 15) -> str:
        """The last lines of stderr (or stdout), for a failure report."""
        text = self.stderr.strip() or self.stdout.strip()
        return "\n".join(text.splitlines()[-lines:])


def _parents_and_rss() -> dict[int, tuple[int, int]]:
    """Every process: pid -> (parent pid, resident KiB)."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[21]) * PAGE_KIB)
    return table


def descendants_rss_kib(root: int) -> int:
    """Resident memory of all the descendants of a process (not itself), in KiB."""
    table = _parents_and_rss()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, stack = 0, list(children.get(root, ()))
    while stack:
        pid = stack.pop()
        if pid in table:
            total += table[pid][1]
        stack.extend(children.get(pid, ()))
    return total


def run_child(
    argv: list[str], *, env: dict[str, str], cwd: Path, logs: Path, timeout: float
) -> ChildRun:
    """Run a command to completion; time it and measure its peak memory (wait4 and sampled).

    The command runs under `bench.rss`, a small process, so that its ru_maxrss is its own.
    """
    logs.mkdir(parents=True, exist_ok=True)
    stem = logs / f"{time.time_ns()}-{Path(argv[-1]).name[:40]}"
    out_path, err_path = stem.with_suffix(".out"), stem.with_suffix(".err")
    stats_path = stem.with_suffix(".json")
    wrapped = [sys.executable, "-m", "bench.rss", str(stats_path), "--", *argv]
    peak = [0]
    done = threading.Event()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, env=env, cwd=cwd, stdout=out, stderr=err, start_new_session=True
        )

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                peak[0] = max(peak[0], descendants_rss_kib(proc.pid))
                if time.perf_counter() - started > timeout:
                    os.killpg(proc.pid, signal.SIGKILL)
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, _ = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        stats = json.loads(stats_path.read_text())
        seconds, maxrss_kib = stats["seconds"], stats["maxrss_kib"]
    except (OSError, ValueError, KeyError):  # killed before it could write: keep the outer time
        maxrss_kib = 0
    return ChildRun(
        argv=argv,
        seconds=seconds,
        returncode=proc.returncode,
        maxrss_mib=maxrss_kib / 1024,
        tree_peak_mib=max(peak[0], maxrss_kib) / 1024,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (pct in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]
