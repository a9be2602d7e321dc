"""Report drift between the database and the search index; repair it with --repair."""

from django.core.management.base import BaseCommand, CommandError

from sonla_kb import search


class Command(BaseCommand):
    help = "Compare the search index with the database, and with --repair make them agree."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="fix what is found")

    def handle(self, *args, repair, **options):
        report = search.check(repair=repair)
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
