"""`python stalled_rebuild.py MARKER [options]`: `manage.py rebuild_index` that stalls halfway.

It indexes a few records, writes MARKER, then waits to be killed: the test that runs it
kills it there with SIGKILL, as an out-of-memory killer or a power cut would.

Options: `--stall-after N` documents (default 5); `--procs N` indexing processes, with
`--job-size N` documents per job, so that they start before the stall; `--no-prctl` or
`--no-sentinel` to leave one of the two ways children end with their parent out. Each
indexing process writes MARKER.<pid> once it has bound itself to its parent.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("marker", type=Path)
    parser.add_argument("--stall-after", type=int, default=5)
    parser.add_argument("--procs", type=int, default=None)
    parser.add_argument("--job-size", type=int, default=None)
    parser.add_argument("--no-prctl", action="store_true")
    parser.add_argument("--no-sentinel", action="store_true")
    args = parser.parse_args(sys.argv[1:])
    django.setup()
    from django.core.management import call_command

    from sonla_kb.search import documents
    from sonla_kb.search.backends.whoosh import children, writer

    real = documents.iter_documents

    def stalling(**kwargs):
        for count, doc in enumerate(real(**kwargs), start=1):
            yield doc
            if count == args.stall_after:
                args.marker.write_text("halfway\n")
                time.sleep(600)

    writer.iter_documents = stalling
    if args.job_size:
        children.JOB_SIZE = args.job_size
    if args.no_prctl:
        children.kill_me_with_parent = lambda: False
    if args.no_sentinel:
        children.watch_parent = lambda: None
    bind = children.die_with_parent

    def bind_and_tell():
        bind()
        args.marker.with_name(f"{args.marker.name}.{os.getpid()}").write_text("bound\n")

    children.die_with_parent = bind_and_tell
    options = {"procs": args.procs} if args.procs else {}
    call_command("rebuild_index", **options)


if __name__ == "__main__":
    main()
