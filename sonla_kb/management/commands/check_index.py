"""Report drift between the database and the search index; repair it with --repair."""

from django.core.management.base import BaseCommand, CommandError

from sonla_kb import search
from sonla_kb.progress import reporter


class Command(BaseCommand):
    help = "Compare the search index with the database, and with --repair make them agree."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="fix what is found")

    def handle(self, *args, repair, verbosity, **options):
        if repair and search.index_absent():
            # A fresh install (the first `make run`): nothing is wrong, the index is built.
            self.stdout.write("There is no search index yet: building it.")
        progress = reporter(stream=self.stderr, verbosity=verbosity)
        report = search.check(repair=repair, progress=progress)
        if report.unfinished:
            done = "removed" if repair else "left"
            names = ", ".join(report.unfinished)
            self.stdout.write(f"Unfinished generation(s) of a killed rebuild {done}: {names}")
        if report.absent and not repair:
            raise CommandError("There is no search index yet; run with --repair to build it.")
        if report.absent:
            self.stdout.write("Built: the index now agrees with the database.")
            return
        if report.problem:
            self.stdout.write(f"The index cannot be used as it is: {report.problem}")
        for label, ids in (("missing", report.missing), ("stale", report.stale)):
            if ids:
                self.stdout.write(f"{len(ids)} {label}: {', '.join(ids[:20])}")
        if report.extra:
            self.stdout.write(f"{len(report.extra)} extra: {', '.join(report.extra[:20])}")
        if report.pending:
            self.stdout.write(f"{report.pending} logged change(s) not yet applied")
        if report.clean:
            self.stdout.write("The index agrees with the database.")
        elif report.repaired:
            self.stdout.write("Repaired: the index now agrees with the database.")
        elif report.problem:
            raise CommandError("The index must be rebuilt; run with --repair.")
        else:
            raise CommandError("The index differs from the database; run with --repair.")
