"""Attach, replace and delete: the database, the index and storage stay in step."""

import pytest
from django.db import IntegrityError, transaction

from sonla_kb.attachments import services
from sonla_kb.attachments.models import Attachment
from sonla_kb.search.changelog import IndexChange
from tests.factories import PresentationFactory, StudyFactory
from tests.search.conftest import find, keys

from .builders import make_pdf
from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db


def test_attaching_stores_the_file_under_a_random_name_with_its_text(deck, stored):
    presentation = PresentationFactory(key="p01")
    attachment = services.attach_file(
        record=presentation, name="Slides final.pptx", data=deck, title="The slides"
    )
    attachment.refresh_from_db()
    assert attachment.original_name == "Slides final.pptx"
    assert attachment.kind == "pptx"
    assert attachment.content_type.endswith("presentationml.presentation")
    assert (attachment.size, attachment.page_count, attachment.status) == (len(deck), 8, "done")
    assert NOTES_WORD in attachment.pages[6] and NOTES_WORD in attachment.text
    assert attachment.label == "The slides"
    [path] = stored()
    assert path == attachment.file.name
    assert path.startswith("attachments/") and path.endswith(".pptx")
    assert "Slides" not in path
    assert attachment.file.read() == deck


def test_a_file_belongs_to_exactly_one_record(report_pdf):
    attachment = services.attach_file(
        record=StudyFactory(), name="r.pdf", data=report_pdf, title=""
    )
    attachment.presentation = PresentationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        attachment.save()
    attachment.presentation = attachment.study = None
    with pytest.raises(IntegrityError), transaction.atomic():
        attachment.save()


def test_an_attached_file_is_searchable_with_its_record(live, deck):
    presentation = live(PresentationFactory, key="p07")
    live(services.attach_file, record=presentation, name="slides.pptx", data=deck)
    answer = find(NOTES_WORD)
    assert keys(answer) == ["p07"]
    assert answer["results"][0]["location"] == "slides.pptx, slide 7"


def test_the_study_takes_files_too(live, report_docx):
    study = live(StudyFactory, key="study")
    live(services.attach_file, record=study, name="report.docx", data=report_docx)
    assert keys(find("23,312")) == ["study"]


def test_replacing_a_file_reindexes_it_and_removes_the_old_file(live, stored, deck):
    presentation = live(PresentationFactory, key="p01")
    attachment = live(services.attach_file, record=presentation, name="a.pptx", data=deck)
    old = attachment.file.name
    new = make_pdf(["Fresh handout about drying yards"])

    live(services.replace_file, attachment=attachment, name="a.pdf", data=new)

    assert stored() == [attachment.file.name] != [old]
    assert keys(find("drying")) == ["p01"]
    assert find(NOTES_WORD)["total"] == 0
    attachment.refresh_from_db()
    assert (attachment.kind, attachment.original_name) == ("pdf", "a.pdf")


def test_deleting_a_file_removes_its_text_and_its_file(live, stored, deck):
    presentation = live(PresentationFactory, key="p01", title="Deck holder")
    attachment = live(services.attach_file, record=presentation, name="a.pptx", data=deck)

    live(services.delete_attachment, attachment=attachment)

    assert stored() == []
    assert find(NOTES_WORD)["total"] == 0
    assert keys(find("holder")) == ["p01"]


def test_deleting_the_record_removes_its_files(live, stored, deck, report_pdf):
    presentation = live(PresentationFactory, key="p01")
    live(services.attach_file, record=presentation, name="a.pptx", data=deck)
    live(services.attach_file, record=presentation, name="b.pdf", data=report_pdf)
    assert len(stored()) == 2

    live(presentation.delete)

    assert stored() == []
    assert Attachment.objects.count() == 0
    assert find(NOTES_WORD)["total"] == 0


def test_a_rolled_back_deletion_keeps_the_file(
    stored, report_pdf, django_capture_on_commit_callbacks
):
    attachment = services.attach_file(record=StudyFactory(), name="r.pdf", data=report_pdf)
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        attachment.delete()
        raise RuntimeError("rolled back")
    assert callbacks == []  # the removal was to run on commit, and there was none
    assert stored() == [attachment.file.name]


def test_files_stored_in_a_failed_block_are_removed(stored, report_pdf):
    study = StudyFactory()
    with (
        pytest.raises(RuntimeError),
        services.files_removed_on_rollback(),
        transaction.atomic(),
    ):
        services.attach_file(record=study, name="r.pdf", data=report_pdf)
        assert len(stored()) == 1
        raise RuntimeError("disk full")
    assert stored() == []
    assert Attachment.objects.count() == 0


def test_attaching_logs_the_record_for_the_index(report_pdf):
    study = StudyFactory()
    before = IndexChange.objects.count()
    services.attach_file(record=study, name="r.pdf", data=report_pdf)
    assert IndexChange.objects.filter(model="policies.study", object_id=study.pk).count() >= 1
    assert IndexChange.objects.count() > before


def test_a_long_name_is_cut_but_keeps_its_extension(report_pdf):
    attachment = services.attach_file(
        record=StudyFactory(), name="x" * 400 + ".pdf", data=report_pdf
    )
    assert len(attachment.original_name) == 255
    assert attachment.original_name.endswith("x.pdf")
