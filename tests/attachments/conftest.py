"""Fixtures for the attached-files tests: an index that follows writes, the media folder."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from .builders import Slide, make_docx, make_pdf, make_pptx

NOTES_WORD = "parchmentwise"  # a coined word: only in slide 7's speaker notes


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts, and leaves, with the default language active (a request in
    Vietnamese leaves Vietnamese active in the test thread)."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def stored(settings) -> Callable[[], list[str]]:
    """The files in the media folder, as sorted relative paths."""

    def files() -> list[str]:
        root = Path(settings.MEDIA_ROOT)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return files


@pytest.fixture
def deck() -> bytes:
    """Eight slides; slide 7's speaker notes hold a word found nowhere else."""
    slides = [Slide(title=f"Slide {n} heading", boxes=[f"Body of slide {n}"]) for n in range(1, 9)]
    slides[6] = Slide(
        title="Proposals",
        boxes=["One framework"],
        notes=f"Tell the room about the {NOTES_WORD} trial.",
    )
    return make_pptx(slides)


@pytest.fixture
def report_pdf() -> bytes:
    """A two-page PDF report."""
    return make_pdf(["Report on coffee", "Replanting support"], ["Annex on drying yards"])


@pytest.fixture
def report_docx() -> bytes:
    """A Word report with a table."""
    return make_docx(["Summary of the study"], table=[["Year", "Area"], ["2024", "23,312 ha"]])
