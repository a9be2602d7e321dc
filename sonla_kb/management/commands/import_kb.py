"""`manage.py import_kb FILE`: bring a kb-format file into the knowledge base, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sonla_kb import search
from sonla_kb.interchange.errors import ImportRejected
from sonla_kb.interchange.importer import import_file
from sonla_kb.progress import reporter


class Command(BaseCommand):
    help = (
        "Import a kb-format JSON file: create what is new, update what changed, delete "
        "nothing. One bad record rejects the whole file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the kb-format JSON file")

    def handle(self, *args, file: str, verbosity: int, **options) -> None:
        progress = reporter(stream=self.stderr, verbosity=verbosity)
        try:
            # The index follows the import after it commits: that shows its progress too.
            with search.showing_catch_up(progress):
                summary = import_file(path=Path(file), progress=progress)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            count = len(rejected.problems)
            problems = "1 problem" if count == 1 else f"{count} problems"
            raise CommandError(f"{file}: rejected, {problems}; nothing was written.") from None
        for line in summary.lines():
            self.stdout.write(line)
