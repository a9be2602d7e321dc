"""Text comes out page by page and slide by slide, within limits of time and memory."""

import io
import zipfile

import pytest

from sonla_kb.attachments import extraction
from sonla_kb.attachments.extraction import Limits, extract_in_process, run_limited
from sonla_kb.attachments.validation import inspect_upload

from . import slow
from .builders import Slide, make_docx, make_pdf, make_pptx
from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db


def pages_of(kind: str, data: bytes) -> list[str]:
    """The pages as the extraction child returns them."""
    return inspect_upload(name=f"file.{kind}", data=data).pages


def test_pptx_titles_boxes_tables_groups_and_notes_slide_by_slide():
    deck = make_pptx(
        [
            Slide(title="Opening", boxes=["Welcome to Son La"], notes="Greet the delegates."),
            Slide(title="Figures", table=[["Year", "Area"], ["2024", "23,312 ha"]]),
            Slide(title="Actors", group=["Cooperatives", "Enterprises"]),
            Slide(boxes=["A slide without a title"]),
        ]
    )
    assert pages_of("pptx", deck) == (
        "Opening\nWelcome to Son La\nGreet the delegates.",
        "Figures\nYear | Area\n2024 | 23,312 ha",
        "Actors\nCooperatives\nEnterprises",
        "A slide without a title",
    )


def test_speaker_notes_stay_on_their_own_slide(deck):
    pages = pages_of("pptx", deck)
    assert len(pages) == 8
    assert [n for n, text in enumerate(pages, start=1) if NOTES_WORD in text] == [7]


def test_pdf_page_by_page():
    data = make_pdf(["Page one: GAP support"], ["Page two: drying yards"], ["Page three"])
    inspection = inspect_upload(name="r.pdf", data=data)
    assert inspection.pages == ("Page one: GAP support", "Page two: drying yards", "Page three")
    assert inspection.page_count == 3
    assert inspection.unit == "page"


def test_docx_paragraphs_and_tables_in_order_and_pages_at_page_breaks():
    data = make_docx(
        ["Summary", "Second paragraph"],
        table=[["Indicator", "Value"], ["Coffee area", "23,312 ha"]],
        after_break=["Proposals on page two"],
    )
    assert pages_of("docx", data) == (
        "Summary\nSecond paragraph\nIndicator | Value\nCoffee area | 23,312 ha",
        "Proposals on page two",
    )


def test_docx_without_breaks_is_one_page():
    assert pages_of("docx", make_docx(["Only", "paragraphs"])) == ("Only\nparagraphs",)


def test_a_scanned_pdf_is_kept_and_marked_no_text_without_ocr(settings):
    settings.ATTACHMENT_OCR = False
    # Pages that hold only a picture, as a scan without a text layer does.
    inspection = inspect_upload(name="scan.pdf", data=make_pdf([], [], drawings=[0, 1]))
    assert inspection.status == "no_text"
    assert inspection.status_reason == "OCR is turned off"
    assert inspection.page_count == 2
    assert inspection.text == ""


def test_text_beyond_the_limit_is_cut_with_a_note(settings):
    settings.ATTACHMENT_MAX_TEXT_CHARS = 30
    inspection = inspect_upload(name="long.pdf", data=make_pdf(["a" * 20], ["b" * 20], ["c" * 20]))
    assert inspection.pages == ("a" * 20, "b" * 10)
    assert inspection.status == "done"
    assert "only the first 30 characters" in inspection.status_reason


def test_extraction_in_process_reports_pages_that_fail(monkeypatch):
    def pages(data, *, on_error):
        yield "first"
        on_error(2, ValueError("bad operator"))
        yield ""

    monkeypatch.setitem(extraction.EXTRACTORS, "pdf", pages)
    result = extract_in_process(kind="pdf", data=b"", max_chars=1000)
    assert result.pages == ["first", ""]
    assert result.failure == "the text of some pages could not be read (page 2: bad operator)"


def test_a_job_that_runs_too_long_is_stopped():
    result = run_limited(slow.sleep, limits=Limits(seconds=0.5), seconds=30)
    assert result.failure == "extraction took longer than 0.5 seconds"
    assert result.pages == []


def test_a_job_that_wants_too_much_memory_is_stopped():
    result = run_limited(slow.allocate, limits=Limits(memory_mb=512), megabytes=2048)
    assert result.failure == "the text could not be read within the memory limit"


def test_a_job_that_dies_is_a_failure_not_a_hang():
    result = run_limited(slow.crash, limits=Limits(seconds=10))
    assert result.failure == "extraction stopped unexpectedly (exit code 3)"


def test_a_file_whose_extraction_fails_is_kept_as_failed(monkeypatch, report_pdf):
    monkeypatch.setattr(
        extraction,
        "run_limited",
        lambda job, *, limits, **kw: extraction.Extraction(failure="extraction took too long"),
    )
    inspection = inspect_upload(name="r.pdf", data=report_pdf)
    assert (inspection.status, inspection.status_reason) == ("failed", "extraction took too long")


def test_docx_typed_and_rendered_breaks_together_make_one_new_page():
    # Word writes a rendered page break at the top of the page that a typed break began.
    data = make_docx(["Page one"], after_break=["Page two"])
    rendered = b"<w:r><w:lastRenderedPageBreak/><w:t>Page two</w:t></w:r>"
    data = _replace_in_part(data, "word/document.xml", b"<w:r><w:t>Page two</w:t></w:r>", rendered)
    assert pages_of("docx", data) == ("Page one", "Page two")


def _replace_in_part(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The Office file with bytes replaced in one of its parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                assert old in content
                content = content.replace(old, new)
            target.writestr(info, content)
    return out.getvalue()
