"""`python stalled_rebuild.py MARKER`: `manage.py rebuild_index` that stalls halfway.

It indexes a few records, writes MARKER, then waits to be killed: the test that runs it
kills it there with SIGKILL, as an out-of-memory killer or a power cut would.
"""

import sys
import time
from pathlib import Path

import django

STALL_AFTER = 5


def main() -> None:
    marker = Path(sys.argv[1])
    django.setup()
    from django.core.management import call_command

    from sonla_kb.search import documents, writer

    real = documents.iter_documents

    def stalling(**kwargs):
        for count, doc in enumerate(real(**kwargs), start=1):
            yield doc
            if count == STALL_AFTER:
                marker.write_text("halfway\n")
                time.sleep(600)

    writer.iter_documents = stalling
    call_command("rebuild_index")


if __name__ == "__main__":
    main()
