"""Run a server with the extraction worker beside it: `python -m sonla_kb.attachments.alongside
CMD ...` (what `make run` and `make serve` do).

The server runs as a child; SIGINT, SIGTERM and SIGHUP are passed on to it. When the
server exits, the worker is stopped (SIGTERM: it hands back the file in hand) and this
process exits with the server's code. A worker that dies is started again after a
pause. The worker is told this process's id and stops by itself if it is killed.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent.parent / "manage.py"
RESTART_PAUSE = 5.0
STOP_WAIT = 15.0


def worker_command() -> list[str]:
    """The worker, told to stop when this process goes."""
    return [sys.executable, str(MANAGE), "extract_files", "--parent", str(os.getpid())]


def _start_worker() -> subprocess.Popen:
    return subprocess.Popen(worker_command())  # noqa: S603 - our own interpreter and manage.py


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str]) -> int:
    """Run the server command given, with the worker beside it; the server's exit code."""
    if not argv:
        sys.stderr.write("usage: python -m sonla_kb.attachments.alongside COMMAND [ARGS...]\n")
        return 2
    worker = _start_worker()
    server = subprocess.Popen(argv)  # noqa: S603 - the command the Makefile gives

    stopping = False

    def forward(signum, frame) -> None:
        nonlocal stopping
        stopping = stopping or signum != signal.SIGHUP  # SIGHUP: gunicorn reloads
        if server.poll() is None:
            server.send_signal(signum)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    restart_at = None
    try:
        while server.poll() is None:
            time.sleep(0.5)
            if worker.poll() is not None and not stopping:
                if restart_at is None:
                    sys.stderr.write(
                        f"The extraction worker exited ({worker.returncode}); "
                        f"starting it again in {RESTART_PAUSE:g} s.\n"
                    )
                    restart_at = time.monotonic() + RESTART_PAUSE
                elif time.monotonic() >= restart_at:
                    worker, restart_at = _start_worker(), None
    finally:
        _stop(worker)
        _stop(server)
    code = server.returncode
    return 128 - code if code < 0 else code  # killed by a signal: say so as a shell does


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
