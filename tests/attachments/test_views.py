"""Downloads are sent safely; a record's page lists its files and where a search found words."""

import pytest
from django.urls import reverse

from sonla_kb.attachments import services
from tests.factories import PresentationFactory, StudyFactory

from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>.pdf'


@pytest.fixture
def hostile(report_pdf):
    """A PDF uploaded under a name made to break out of a header or a page."""
    return services.attach_file(record=StudyFactory(), name=HOSTILE, data=report_pdf)


def test_download_is_an_attachment_of_its_real_type_never_sniffed(client, hostile, report_pdf):
    url = hostile.get_absolute_url()
    assert url == f"/files/{hostile.pk}/script-alert-1-script.pdf"

    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == report_pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="script-alert-1-script.pdf"; '
        "filename*=UTF-8''script-alert%281%29-script.pdf"
    )
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Length"] == str(len(report_pdf))


def test_an_office_file_is_sent_as_what_it_is(client, deck):
    attachment = services.attach_file(
        record=PresentationFactory(), name="Bài giảng.pptx", data=deck
    )
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bai-giang.pptx\"; filename*=UTF-8''B%C3%A0i%20gi%E1%BA%A3ng.pptx"
    )


def test_an_upload_is_never_served_as_html(client, report_pdf):
    # Content that a browser would sniff as HTML cannot get in, whatever its name.
    attachment = services.attach_file(
        record=StudyFactory(), name="page.html.pdf", data=report_pdf + b"<html><script>"
    )
    response = client.get(attachment.get_absolute_url())
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_name_redirects_to_the_canonical_url(client, hostile):
    response = client.get(f"/files/{hostile.pk}/whatever.pdf")
    assert response.status_code == 301
    assert response["Location"] == hostile.get_absolute_url()


def test_a_missing_file_is_a_404(client, hostile):
    assert client.get(f"/files/{hostile.pk + 1}/x.pdf").status_code == 404
    hostile.file.storage.delete(hostile.file.name)
    assert client.get(hostile.get_absolute_url()).status_code == 404


def test_only_reading_is_allowed(client, hostile):
    assert client.head(hostile.get_absolute_url()).status_code == 200
    assert client.post(hostile.get_absolute_url()).status_code == 405


def test_the_record_page_lists_its_files(client, deck, report_pdf):
    presentation = PresentationFactory(key="p05", sample=True)
    services.attach_file(record=presentation, name="deck.pptx", data=deck, title="Slides")
    services.attach_file(record=presentation, name=HOSTILE, data=report_pdf)

    html = client.get(reverse("presentation-detail", kwargs={"key": "p05"})).content.decode()

    assert 'id="files-heading"' in html
    assert '<a href="/files/' in html and ">Slides</a>" in html
    assert "deck.pptx · PowerPoint (PPTX)" in html
    assert "8 slides" in html and "2 pages" in html
    assert "KB" in html or "bytes" in html
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
    assert html.count('class="badge badge--sample"') >= 3  # the record and its two files
    assert "Found on" not in html


def test_coming_from_a_search_shows_where_the_words_are(client, deck):
    presentation = PresentationFactory(key="p05")
    services.attach_file(record=presentation, name="deck.pptx", data=deck)
    url = reverse("presentation-detail", kwargs={"key": "p05"})

    html = client.get(url, {"hl": NOTES_WORD}).content.decode()
    assert "Found on slide 7" in html

    html = client.get(url, {"hl": "slide heading"}).content.decode()
    assert "Found on slides 1, 2, 3, 4, 5, 6, 8" in html


def test_the_study_page_lists_its_files(client, report_docx):
    study = StudyFactory()
    services.attach_file(record=study, name="report.docx", data=report_docx, title="Report")
    html = client.get(reverse("study"), {"hl": "23,312"}).content.decode()
    assert ">Report</a>" in html and "Word (DOCX)" in html
    assert "Found on page 1" in html


def test_a_file_without_text_says_so(client, settings):
    from .builders import make_pdf

    settings.ATTACHMENT_OCR = False  # else the page waits for OCR first
    presentation = PresentationFactory(key="p06")
    services.attach_file(record=presentation, name="scan.pdf", data=make_pdf([], drawings=[0]))
    html = client.get(reverse("presentation-detail", kwargs={"key": "p06"})).content.decode()
    assert "No text found" in html
