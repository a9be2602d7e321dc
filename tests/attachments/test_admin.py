"""Staff attach files inline on a presentation or the study; a bad file is refused whole."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from presentations.models import Presentation
from sonla_kb.attachments import queue, services
from sonla_kb.attachments.models import Attachment
from sonla_kb.search.changelog import IndexChange
from tests.factories import PresentationFactory, StudyFactory
from tests.search.conftest import find, keys

from .builders import OLE_HEADER, encrypt_pdf, make_pdf
from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db


def presentation_form(
    presentation: Presentation, uploads: list[dict[str, Any]], existing: list[Attachment] = ()
) -> dict[str, Any]:
    """The change form of a presentation as the browser posts it, with attachment rows."""
    data: dict[str, Any] = {
        "key": presentation.key,
        "order": presentation.order,
        "title": presentation.title,
        "speaker": presentation.speaker,
        "organisation": presentation.organisation,
        "summary": presentation.summary,
        "body": presentation.body,
        "language": presentation.language,
        "feedback-TOTAL_FORMS": 0,
        "feedback-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": len(existing) + len(uploads),
        "attachments-INITIAL_FORMS": len(existing),
        "attachments-MIN_NUM_FORMS": 0,
        "attachments-MAX_NUM_FORMS": 1000,
    }
    rows = [{"id": a.pk, "title": a.title} for a in existing] + list(uploads)
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"attachments-{i}-{name}"] = value
        data[f"attachments-{i}-presentation"] = presentation.pk
    return data


def change_url(presentation: Presentation) -> str:
    """The presentation's admin change page."""
    return reverse("admin:presentations_presentation_change", args=[presentation.pk])


def test_the_inline_is_on_the_presentation_and_the_study(admin_client):
    presentation, study = PresentationFactory(), StudyFactory()
    for url in (
        change_url(presentation),
        reverse("admin:presentations_presentation_add"),
        reverse("admin:policies_study_change", args=[study.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert 'id="attachments-group"' in html
        assert 'enctype="multipart/form-data"' in html


def test_a_valid_upload_is_saved_and_indexed(admin_client, live, stored, deck):
    presentation = live(PresentationFactory, key="p03")
    upload = SimpleUploadedFile("deck.pptx", deck, content_type="application/octet-stream")

    response = live(
        admin_client.post,
        change_url(presentation),
        presentation_form(presentation, [{"title": "Slides", "file": upload}]),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.presentation, attachment.title, attachment.kind) == (
        presentation,
        "Slides",
        "pptx",
    )
    assert attachment.original_name == "deck.pptx"
    assert attachment.status == "pending"  # the text is read in the background
    assert stored() == [attachment.file.name]
    page = admin_client.get(change_url(presentation)).content.decode()
    assert "Waiting for text extraction" in page

    assert [p.status for p in live(queue.drain)] == ["done"]

    attachment.refresh_from_db()
    assert attachment.page_count == 8
    answer = find(NOTES_WORD)
    assert keys(answer) == ["p03"]
    assert answer["results"][0]["location"] == "deck.pptx, slide 7"
    page = admin_client.get(change_url(presentation)).content.decode()
    assert attachment.get_absolute_url() in page
    assert "8 slides" in page and "Text extracted" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deck.pdf", None, "“deck.pdf” is refused: it is not what its name says"),
        ("secret.pdf", encrypt_pdf(make_pdf(["x"])), "encrypted (password-protected) PDF"),
        ("locked.docx", OLE_HEADER + bytes(600), "encrypted (password-protected) or old-format"),
        ("cut.pdf", make_pdf(["x"])[:100], "is refused: a damaged PDF"),
    ],
)
def test_a_bad_upload_is_refused_with_its_message_and_nothing_changes(
    admin_client, live, stored, deck, name, data, message
):
    presentation = live(PresentationFactory, key="p03", title="Unchanged")
    before = IndexChange.objects.count()
    upload = SimpleUploadedFile(name, data if data is not None else deck)
    form = presentation_form(presentation, [{"title": "Bad", "file": upload}])
    form["title"] = "Changed"

    response = live(admin_client.post, change_url(presentation), form)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "errorlist" in html
    assert Attachment.objects.count() == 0
    assert stored() == []
    assert IndexChange.objects.count() == before
    presentation.refresh_from_db()
    assert presentation.title == "Unchanged"


def test_the_size_limit_applies_in_the_admin(admin_client, live, stored, settings, report_pdf):
    settings.ATTACHMENT_MAX_BYTES = 100
    presentation = live(PresentationFactory)
    upload = SimpleUploadedFile("big.pdf", report_pdf)
    response = live(
        admin_client.post,
        change_url(presentation),
        presentation_form(presentation, [{"file": upload}]),
    )
    assert "files may be at most 100\xa0bytes" in response.content.decode()
    assert stored() == []


def test_replacing_a_file_in_the_admin_reindexes_and_removes_the_old_one(
    admin_client, live, stored, deck
):
    presentation = live(PresentationFactory, key="p03")
    attachment = live(services.attach_file, record=presentation, name="deck.pptx", data=deck)
    old = attachment.file.name
    upload = SimpleUploadedFile("handout.pdf", make_pdf(["Handout on washing stations"]))
    form = presentation_form(presentation, [], existing=[attachment])
    form["attachments-0-file"] = upload

    response = live(admin_client.post, change_url(presentation), form)

    assert response.status_code == 302
    live(queue.drain)
    attachment.refresh_from_db()
    assert (attachment.kind, attachment.original_name) == ("pdf", "handout.pdf")
    assert stored() == [attachment.file.name] != [old]
    assert keys(find("washing")) == ["p03"]
    assert find(NOTES_WORD)["total"] == 0


def test_deleting_a_file_in_the_admin(admin_client, live, stored, deck):
    presentation = live(PresentationFactory, key="p03")
    attachment = live(services.attach_file, record=presentation, name="deck.pptx", data=deck)
    form = presentation_form(presentation, [], existing=[attachment])
    form["attachments-0-DELETE"] = "on"

    response = live(admin_client.post, change_url(presentation), form)

    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    assert stored() == []
    assert find(NOTES_WORD)["total"] == 0


def test_an_unchanged_row_keeps_its_file(admin_client, live, stored, deck):
    presentation = live(PresentationFactory, key="p03")
    attachment = live(services.attach_file, record=presentation, name="deck.pptx", data=deck)
    form = presentation_form(presentation, [], existing=[attachment])
    form["attachments-0-title"] = "Renamed"

    assert live(admin_client.post, change_url(presentation), form).status_code == 302
    attachment.refresh_from_db()
    assert attachment.title == "Renamed"
    assert stored() == [attachment.file.name]
    assert keys(find(NOTES_WORD)) == ["p03"]


def test_a_file_is_attached_to_the_study_in_its_admin(admin_client, live, stored, report_docx):
    study = live(StudyFactory, key="study")
    data = {
        "key": study.key,
        "title": study.title,
        "authors": study.authors,
        "year": study.year,
        "summary": study.summary,
        "body": study.body,
        "language": study.language,
        "feedback-TOTAL_FORMS": 0,
        "feedback-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 1,
        "attachments-INITIAL_FORMS": 0,
        "attachments-0-title": "Report",
        "attachments-0-file": SimpleUploadedFile("report.docx", report_docx),
        "attachments-0-study": study.pk,
    }
    url = reverse("admin:policies_study_change", args=[study.pk])

    assert live(admin_client.post, url, data).status_code == 302
    live(queue.drain)

    attachment = Attachment.objects.get()
    assert (attachment.study, attachment.kind, attachment.title) == (study, "docx", "Report")
    assert stored() == [attachment.file.name]
    assert keys(find("23,312")) == ["study"]


def test_a_file_without_text_says_so_once_in_either_language(admin_client, stored, settings):
    settings.ATTACHMENT_OCR = False  # with OCR, the worker would recognise the page first
    presentation = PresentationFactory(key="p06")
    services.attach_file(record=presentation, name="scan.pdf", data=make_pdf([], drawings=[0]))
    html = admin_client.get(change_url(presentation)).content.decode()
    assert html.count('extraction--no_text">No text found (OCR is turned off)</span>') == 1
    assert "no text found: no text found" not in html.lower()
    html = admin_client.get(change_url(presentation), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert html.count('extraction--no_text">Không tìm thấy văn bản (OCR đang tắt)</span>') == 1


@pytest.fixture
def without_ocr(monkeypatch):
    """A server where Tesseract is not installed."""
    monkeypatch.setattr(
        "sonla_kb.attachments.ocr.missing", lambda: "Tesseract is not installed on the server"
    )


def test_without_ocr_the_admin_has_a_notice_and_the_scan_is_marked(admin_client, without_ocr):
    presentation = PresentationFactory(key="p06")
    services.attach_file(record=presentation, name="scan.pdf", data=make_pdf([], drawings=[0]))
    assert Attachment.objects.get().status_reason == "OCR not installed"

    html = admin_client.get(change_url(presentation)).content.decode()
    assert "No text found (OCR not installed)" in html
    # The notice stands apart from the file, and says what is missing and what to do.
    assert "OCR is not installed on this server (Tesseract is not installed" in html
    assert "manage.py ocr_pending" in html
    front = admin_client.get(reverse("admin:index")).content.decode()
    assert 'id="ocr-notice"' in front and "tesseract-ocr-vie" in front

    html = admin_client.get(change_url(presentation), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Không tìm thấy văn bản (chưa cài đặt OCR)" in html


def test_with_ocr_installed_there_is_no_notice(admin_client, monkeypatch):
    monkeypatch.setattr("sonla_kb.attachments.ocr.missing", lambda: "")
    front = admin_client.get(reverse("admin:index")).content.decode()
    assert 'id="ocr-notice"' not in front
    html = admin_client.get(change_url(PresentationFactory())).content.decode()
    assert "OCR is not installed" not in html
