"""Plain helpers for the interchange tests: run the commands, count and wipe the KB."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.glossary.models import Term
from sonla_kb.themes import Theme, ThemedItem

KB_MODELS = (
    Theme,
    ThemedItem,
    Workshop,
    Study,
    Presentation,
    PolicyMeasure,
    Feedback,
    Indicator,
    Term,
)


def kb_counts() -> dict[str, int]:
    """How many rows each model of the knowledge base has."""
    return {model.__name__: model.objects.count() for model in KB_MODELS}


def wipe_kb() -> None:
    """Delete every record of the knowledge base (feedback first: it points at the others)."""
    for model in (
        Feedback,
        ThemedItem,
        Presentation,
        PolicyMeasure,
        Study,
        Indicator,
        Workshop,
        Theme,
        Term,
    ):
        model.objects.all().delete()


def run_import(path: Path) -> str:
    """Run import_kb on path and return what it printed to stdout."""
    out = io.StringIO()
    call_command("import_kb", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rejected_lines(path: Path) -> list[str]:
    """Run import_kb on a file that must be rejected; the problem lines it printed."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_kb", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def run_export(path: Path | str) -> str:
    """Run export_kb and return what it printed to stderr (the notes)."""
    err = io.StringIO()
    call_command("export_kb", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()
