"""Read the text of attached files waiting for it, in the background of the site."""

from django.core.management.base import BaseCommand

from sonla_kb.attachments import queue, worker
from sonla_kb.progress import reporter


class Command(BaseCommand):
    help = (
        "Extract the text of attached files that wait for it (saved in the admin), and keep "
        "doing so as new ones arrive; --once stops when none is left."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="stop when no file is waiting any more"
        )
        parser.add_argument(
            "--poll", type=float, default=1.0, help="seconds between looks when idle"
        )
        parser.add_argument(
            "--parent",
            type=int,
            default=None,
            help="stop when the process with this id (the server beside it) is gone",
        )

    def handle(self, *args, once, poll, parent, **options):
        shown = reporter(stream=self.stderr, verbosity=options["verbosity"])
        if once:
            waiting = queue.waiting_count()
            count = worker.run(once=True, parent=parent, progress=shown)
            self.stdout.write(f"Extracted {count} of {waiting} waiting files.")
        else:
            worker.run(poll=poll, parent=parent, progress=shown)
