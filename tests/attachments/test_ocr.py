"""Scanned pages become searchable: Tesseract (vie+eng) reads the pages that have no text.

The scans are made here: Vietnamese and English lines drawn with DejaVu Sans into page
images, saved as a PDF without a text layer. Skipped, saying why, where Tesseract, its
Vietnamese data or Ghostscript is missing (`.ci/run` installs them).
"""

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sonla_kb.attachments import ocr, queue, services
from sonla_kb.attachments.models import Attachment
from tests.factories import PresentationFactory, StudyFactory
from tests.production.helpers import MANAGE, PYTHON, ROOT, child_env
from tests.search.conftest import find, keys

from .builders import DEJAVU, huge_blank_pdf, join_pdfs, make_pdf, scanned_image, scanned_pdf
from .test_admin import change_url, presentation_form

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,  # Tesseract and Ghostscript run as processes
    pytest.mark.skipif(bool(ocr.missing()), reason=f"no OCR here: {ocr.missing()}"),
    pytest.mark.skipif(not Path(DEJAVU).is_file(), reason="no DejaVu font (fonts-dejavu-core)"),
]

RESOLUTION = [
    "Nghị quyết về phát triển cà phê Sơn La",
    "Hỗ trợ trồng tái canh và chế biến sâu",
]


def test_a_scanned_vietnamese_page_saved_in_the_admin_becomes_searchable(admin_client, live):
    presentation = live(PresentationFactory, key="p09", title="Provincial decisions")
    upload = SimpleUploadedFile("quyet-dinh.pdf", scanned_pdf(RESOLUTION))

    response = live(
        admin_client.post,
        change_url(presentation),
        presentation_form(presentation, [{"title": "Scan", "file": upload}]),
    )
    assert response.status_code == 302
    assert Attachment.objects.get().status == "pending"

    (processed,) = live(queue.drain)

    attachment = Attachment.objects.get()
    assert processed.status == attachment.status == "done"
    assert "tái canh" in attachment.pages[0]
    assert list(attachment.ocr_pages) == ["1"]
    assert 50 < attachment.ocr_pages["1"] <= 100
    for query in ("tái canh", "tai canh", "chế biến", "che bien"):
        answer = find(query)
        assert keys(answer) == ["p09"], query
        assert answer["results"][0]["location"] == "quyet-dinh.pdf, page 1 (recognised text)"


def test_only_the_pages_without_text_are_recognised(live):
    typed = make_pdf(["Typed cover page"])
    mixed = join_pdfs(typed, scanned_pdf(["Coffee replanting support in Son La"]))
    study = live(StudyFactory, key="study")

    attachment = live(services.attach_file, record=study, name="mixed.pdf", data=mixed)
    assert attachment.status == "pending"  # the import reads the text layer; OCR waits
    live(queue.drain)

    attachment.refresh_from_db()
    assert attachment.status == "done"
    assert attachment.pages[0] == "Typed cover page"
    assert "replanting" in attachment.pages[1]
    assert list(attachment.ocr_pages) == ["2"]
    answer = find("replanting")
    assert answer["results"][0]["location"] == "mixed.pdf, page 2 (recognised text)"
    assert find("typed")["results"][0]["location"] == "mixed.pdf, page 1"


def test_a_page_too_large_to_draw_is_refused_before_it_is_drawn(live):
    live(
        services.attach_file,
        record=StudyFactory(),
        name="poster.pdf",
        data=huge_blank_pdf(),
        extract=False,
    )

    (processed,) = live(queue.drain)

    assert processed.status == "failed"
    assert processed.reason.startswith("page 1 is too large to recognise (3600 megapixels")


def test_pages_past_the_limit_are_left_with_a_note(live, settings):
    settings.ATTACHMENT_OCR_MAX_PAGES = 1
    scan = scanned_pdf(["Washing stations"], ["Drying yards"], dpi=150)
    settings.ATTACHMENT_OCR_DPI = 150
    live(services.attach_file, record=StudyFactory(), name="s.pdf", data=scan, extract=False)

    (processed,) = live(queue.drain)

    attachment = Attachment.objects.get()
    assert processed.status == "done"
    assert "Washing" in attachment.pages[0] and attachment.pages[1] == ""
    assert attachment.status_reason == "only the first 1 pages without text were recognised"


@pytest.mark.django_db(transaction=True)
def test_without_tesseract_a_scan_is_marked_ocr_not_installed(live, index, settings, tmp_path):
    live(
        services.attach_file,
        record=StudyFactory(),
        name="scan.pdf",
        data=scanned_pdf(RESOLUTION, dpi=150),
        extract=False,
    )
    # A worker on a machine without Tesseract: a PATH with only this Python on it.
    env = child_env(index=index, MEDIA_ROOT=str(settings.MEDIA_ROOT), PATH=str(Path(PYTHON).parent))
    subprocess.run(
        [PYTHON, MANAGE, "extract_files", "--once"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=True,
    )

    attachment = Attachment.objects.get()
    assert attachment.status == "no_text"
    assert attachment.status_reason == "OCR not installed"


def test_ocr_pending_recognises_files_stored_before_ocr_was_there(live, settings):
    settings.ATTACHMENT_OCR = False
    study = live(StudyFactory, key="study")
    live(services.attach_file, record=study, name="old.pdf", data=scanned_pdf(RESOLUTION, dpi=150))
    assert Attachment.objects.get().status_reason == "OCR is turned off"
    settings.ATTACHMENT_OCR = True
    settings.ATTACHMENT_OCR_DPI = 150

    from django.core.management import call_command

    live(call_command, "ocr_pending")

    attachment = Attachment.objects.get()
    assert attachment.status == "done"
    assert keys(find("tai canh")) == ["study"]


@pytest.mark.parametrize(
    ("name", "image_format", "kind"),
    [("quyet-dinh.png", "PNG", "png"), ("quyet-dinh.jpeg", "JPEG", "jpg")],
)
def test_a_scanned_image_is_accepted_by_its_content_and_read(
    admin_client, live, name, image_format, kind
):
    presentation = live(PresentationFactory, key="p09")
    upload = SimpleUploadedFile(name, scanned_image(RESOLUTION, dpi=150, image_format=image_format))

    response = live(
        admin_client.post,
        change_url(presentation),
        presentation_form(presentation, [{"file": upload}]),
    )
    assert response.status_code == 302
    live(queue.drain)

    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.status, list(attachment.ocr_pages)) == (kind, "done", ["1"])
    answer = find("tai canh")
    assert keys(answer) == ["p09"]
    assert answer["results"][0]["location"] == f"{name}, page 1 (recognised text)"
    download = admin_client.get(attachment.get_absolute_url())
    assert download["Content-Type"] == f"image/{'png' if kind == 'png' else 'jpeg'}"
