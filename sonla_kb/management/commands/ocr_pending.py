"""Recognise the scanned pages of files stored before OCR was available here."""

from django.core.management.base import BaseCommand, CommandError

from sonla_kb.attachments import queue, recognition


class Command(BaseCommand):
    help = (
        "Queue every PDF or image that has pages without text and no recognised text yet for OCR, "
        "then read them (or, with --queue-only, leave that to the running worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-only", action="store_true", help="only mark them; the worker reads them"
        )

    def handle(self, *args, queue_only, **options):
        reason = recognition.unavailable_reason()
        if reason:
            detail = recognition.unavailable_detail()
            raise CommandError(f"Nothing recognised: {reason} ({detail}).")
        count = recognition.queue_unrecognised()
        self.stdout.write(f"{count} files with pages without text are waiting for OCR.")
        if count and not queue_only:
            done = queue.drain()
            self.stdout.write(f"Read {len(done)} files.")
