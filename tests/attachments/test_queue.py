"""Extraction outside the request: a save leaves files pending; the worker reads them later.

The worker's claim on a file is a lease: a worker that died loses it, and the file is
taken again; a file that changed while it was read keeps its new content.
"""

import signal
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sonla_kb.attachments import queue, services
from sonla_kb.attachments.models import Attachment
from tests.factories import PresentationFactory, StudyFactory
from tests.search.conftest import find, keys

from .builders import make_pdf, slow_pdf
from .conftest import NOTES_WORD
from .test_admin import change_url, presentation_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_limit(settings):
    """Extraction stops after 2 seconds (the slow PDF needs minutes)."""
    settings.ATTACHMENT_EXTRACT_SECONDS = 2
    return 2


def test_a_slow_pdf_saved_in_the_admin_waits_then_fails_with_its_reason(
    admin_client, live, short_limit
):
    presentation = live(PresentationFactory, key="p05", title="Drying yards")
    upload = SimpleUploadedFile("slow.pdf", slow_pdf())

    response = live(
        admin_client.post,
        change_url(presentation),
        presentation_form(presentation, [{"title": "Slow", "file": upload}]),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.status, attachment.pages, attachment.claim) == ("pending", [], "")
    messages = admin_client.get(response.url).content.decode()
    assert "The text of “slow.pdf” is being read in the background" in messages
    assert keys(find("drying")) == ["p05"]  # the record is searchable meanwhile

    (processed,) = live(queue.drain)

    attachment.refresh_from_db()
    assert (processed.status, attachment.status) == ("failed", "failed")
    assert attachment.status_reason == "extraction took longer than 2 seconds"
    page = admin_client.get(change_url(presentation)).content.decode()
    assert "Extraction failed: extraction took longer than 2 seconds" in page
    assert keys(find("drying")) == ["p05"]


def test_two_slow_files_in_one_save_are_both_pending_then_both_marked(
    admin_client, live, short_limit
):
    presentation = live(PresentationFactory, key="p05")
    uploads = [
        {"title": f"Slow {n}", "file": SimpleUploadedFile(f"slow{n}.pdf", slow_pdf())}
        for n in (1, 2)
    ]

    response = live(
        admin_client.post, change_url(presentation), presentation_form(presentation, uploads)
    )

    assert response.status_code == 302
    assert sorted(Attachment.objects.values_list("status", flat=True)) == ["pending", "pending"]
    assert sorted(p.name for p in live(queue.drain)) == ["slow1.pdf", "slow2.pdf"]
    assert set(Attachment.objects.values_list("status", flat=True)) == {"failed"}
    assert admin_client.get(change_url(presentation)).status_code == 200


def test_search_finds_the_text_once_it_is_read(live, deck):
    presentation = live(PresentationFactory, key="p03")
    live(services.attach_file, record=presentation, name="deck.pptx", data=deck, extract=False)
    assert find(NOTES_WORD)["total"] == 0

    live(queue.drain)

    answer = find(NOTES_WORD)
    assert keys(answer) == ["p03"]
    assert answer["results"][0]["location"] == "deck.pptx, slide 7"
    attachment = Attachment.objects.get()
    assert (attachment.status, attachment.page_count, attachment.claim) == ("done", 8, "")


def test_a_scanned_pdf_is_marked_no_text_in_the_background(live, admin_client, settings):
    settings.ATTACHMENT_OCR = False  # tests/attachments/test_ocr.py covers recognition
    presentation = live(PresentationFactory)
    scan = make_pdf([], drawings=[0])
    live(services.attach_file, record=presentation, name="scan.pdf", data=scan, extract=False)

    (processed,) = live(queue.drain)

    assert processed.status == "no_text"
    page = admin_client.get(change_url(presentation)).content.decode()
    assert "No text found (OCR is turned off)" in page
    assert "no text found: no text found" not in page.lower()


def test_a_file_held_by_a_live_worker_is_not_taken_twice(live, report_pdf):
    live(services.attach_file, record=StudyFactory(), name="r.pdf", data=report_pdf, extract=False)

    first = queue.claim_next()

    assert first is not None and first.claim
    assert queue.claim_next() is None
    assert queue.drain() == []


def test_a_claim_whose_worker_died_is_taken_again_when_its_lease_runs_out(live, report_pdf):
    study = live(StudyFactory, key="study")
    live(services.attach_file, record=study, name="r.pdf", data=report_pdf, extract=False)
    dead = queue.claim_next()  # the worker that took it dies here, before writing anything
    Attachment.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))

    (processed,) = live(queue.drain)

    attachment = Attachment.objects.get()
    assert (processed.status, attachment.status, attachment.attempts) == ("done", "done", 2)
    assert keys(find("replanting")) == ["study"]
    # The dead worker's late answer, had it come, would change nothing.
    assert queue.process(dead).stale


def test_a_file_that_keeps_killing_its_worker_is_given_up_on(live, settings, report_pdf):
    settings.ATTACHMENT_MAX_ATTEMPTS = 2
    live(services.attach_file, record=StudyFactory(), name="r.pdf", data=report_pdf, extract=False)
    for _ in range(2):
        assert queue.claim_next() is not None
        Attachment.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))

    (processed,) = live(queue.drain)

    attachment = Attachment.objects.get()
    assert attachment.status == "failed"
    assert attachment.status_reason == (
        "extraction was interrupted 2 times (the worker stopped while reading this file)"
    )
    assert processed.status == "failed"


def test_a_worker_told_to_stop_hands_its_file_back(live, report_pdf):
    live(services.attach_file, record=StudyFactory(), name="r.pdf", data=report_pdf, extract=False)
    claimed = queue.claim_next()

    queue.release(claimed)

    attachment = Attachment.objects.get()
    assert (attachment.claim, attachment.claimed_until, attachment.attempts) == ("", None, 0)
    assert [p.status for p in live(queue.drain)] == ["done"]


def test_a_file_replaced_while_it_is_read_keeps_its_new_content(live, report_pdf):
    study = live(StudyFactory, key="study")
    attachment = live(
        services.attach_file, record=study, name="r.pdf", data=report_pdf, extract=False
    )
    claimed = queue.claim_next()
    new = make_pdf(["Washing stations"])
    live(services.replace_file, attachment=attachment, name="w.pdf", data=new)

    assert live(queue.process, claimed).stale

    attachment.refresh_from_db()
    assert (attachment.original_name, attachment.status) == ("w.pdf", "done")
    assert keys(find("washing")) == ["study"]
    assert find("replanting")["total"] == 0


def test_a_file_deleted_while_it_is_read_is_left_deleted(live, report_pdf):
    attachment = live(
        services.attach_file, record=StudyFactory(), name="r.pdf", data=report_pdf, extract=False
    )
    claimed = queue.claim_next()
    live(services.delete_attachment, attachment=attachment)

    assert live(queue.process, claimed).stale
    assert Attachment.objects.count() == 0


def test_a_stored_file_that_went_missing_is_marked_failed(live, report_pdf):
    attachment = live(
        services.attach_file, record=StudyFactory(), name="r.pdf", data=report_pdf, extract=False
    )
    attachment.file.storage.delete(attachment.file.name)

    (processed,) = live(queue.drain)

    assert processed.status == "failed"
    assert Attachment.objects.get().status_reason.startswith("the stored file cannot be read")


def test_the_worker_shows_its_progress_in_a_log(live, report_pdf):
    import io

    from sonla_kb.attachments import worker
    from sonla_kb.progress import reporter

    for name in ("a.pdf", "b.pdf"):
        live(services.attach_file, record=StudyFactory(), name=name, data=report_pdf, extract=False)
    log = io.StringIO()  # not a terminal: plain lines, the last one when the queue is empty
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:  # the worker takes SIGTERM and SIGINT for itself: give them back to pytest
        assert live(worker.run, once=True, progress=reporter(stream=log)) == 2
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    assert "Extracting text: 2/2 files in" in log.getvalue()
