"""Write a new search index beside the current one and switch to it when complete."""

import os
import resource
import time

from django.core.management.base import BaseCommand, CommandError

from sonla_kb import search
from sonla_kb.progress import reporter


class Command(BaseCommand):
    help = "Rebuild the search index beside the current one; searches go on meanwhile."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="records read at a time")
        parser.add_argument(
            "--procs",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help="indexing processes (default: the number of cores, at most 4)",
        )
        parser.add_argument("--limitmb", type=int, default=128, help="writer memory per process")

    def handle(self, *args, batch_size, procs, limitmb, verbosity, **options):
        started = time.perf_counter()
        progress = reporter(stream=self.stderr, verbosity=verbosity)
        try:
            result = search.rebuild(
                batch_size=batch_size, procs=procs, limitmb=limitmb, progress=progress
            )
        except search.IndexUnavailable as exc:
            raise CommandError(f"Rebuild not done: {exc}") from exc
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = result.documents / seconds if seconds else 0
        self.stdout.write(
            f"Indexed {result.documents} records in {seconds:.1f}s ({rate:.0f}/s, "
            f"peak memory {peak_mb:.0f} MiB, largest indexing process {child_mb:.0f} MiB); "
            f"now serving {result.generation}."
        )
