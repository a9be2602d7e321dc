"""`python -m bench.rss STATS_FILE -- COMMAND...`: run COMMAND, record its time and peak memory.

A child's ru_maxrss starts at the size of the process that forked it (Linux keeps the
high-water mark across exec), so the benchmark, which holds the whole corpus in memory,
starts every command through this small process: the figures are the command's own.
"""

import json
import os
import subprocess
import sys
import time


def main(argv: list[str] | None = None) -> int:
    """Run the command after `--`; write {"seconds", "maxrss_kib", "returncode"} to STATS_FILE."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[1] != "--":
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    stats_file, command = args[0], args[2:]
    started = time.perf_counter()
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    with open(stats_file, "w") as handle:
        json.dump({"seconds": seconds, "maxrss_kib": usage.ru_maxrss, "returncode": code}, handle)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
