"""`manage.py export_kb FILE`: write the whole knowledge base as a kb-format file (`-`: stdout)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from sonla_kb.interchange.exporter import export_file, export_stream


class Command(BaseCommand):
    help = "Export the whole knowledge base as a kb-format JSON file; '-' writes to stdout."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write the JSON file, or - for stdout")

    def handle(self, *args, file: str, **options) -> None:
        if file == "-":
            notes = export_stream(write=lambda text: self.stdout.write(text, ending=""))
        else:
            notes = export_file(path=Path(file))
        for note in notes:
            self.stderr.write(f"note: {note}")
