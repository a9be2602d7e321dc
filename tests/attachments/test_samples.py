"""The workshop dataset's sample files: made by a deterministic script, labelled as samples,
imported with the dataset, and searchable at once."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

from sonla_kb.attachments import ocr, queue
from sonla_kb.attachments.models import Attachment
from sonla_kb.attachments.validation import inspect_upload
from tests.interchange.helpers import run_import
from tests.search.conftest import find, keys

pytestmark = pytest.mark.django_db

SCRIPT = Path(settings.BASE_DIR) / "data" / "workshop" / "make_sample_files.py"


@pytest.fixture(scope="module")
def script():
    """The sample script, loaded as a module."""
    spec = importlib.util.spec_from_file_location("make_sample_files", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(script) -> dict[str, bytes]:
    """Every sample file as the script makes it."""
    return script.build_all()


def test_the_script_gives_the_same_bytes_every_run(script, built):
    assert script.build_all() == built


def test_the_shipped_files_are_the_scripts_small_samples(built):
    kinds = set()
    for path, data in built.items():
        shipped = SCRIPT.parent / "files" / path
        assert shipped.is_file(), path
        assert len(shipped.read_bytes()) < 50 * 1024, path
        made, found = (
            inspect_upload(name=shipped.name, data=data),
            inspect_upload(name=shipped.name, data=shipped.read_bytes()),
        )
        # Same text as a fresh run (bytes may differ only with another zlib build).
        assert found.pages == made.pages, path
        if found.kind == "png":  # the scanned page: no text in the file, OCR reads it
            assert list(found.pages) == [""], path
        else:
            assert "Sample file made for demonstration" in found.pages[0], path
        kinds.add(found.kind)
    assert kinds == {"pdf", "pptx", "docx", "png"}


def test_the_coined_word_is_only_in_the_notes_of_slide_7(script, built):
    word = script.COINED_WORD
    for path, data in built.items():
        pages = inspect_upload(name=Path(path).name, data=data).pages
        holding = [n for n, text in enumerate(pages, start=1) if word in text]
        assert holding == ([7] if path.endswith("policy-review-slides.pptx") else []), path
    assert word not in settings.WORKSHOP_DATASET.read_text(encoding="utf-8")


@pytest.mark.slow  # the whole shipped dataset, indexed
def test_the_dataset_imports_its_samples_and_they_are_searchable(live, script):
    live(run_import, settings.WORKSHOP_DATASET)

    assert Attachment.objects.filter(presentation__isnull=False).count() >= 3
    assert Attachment.objects.filter(study__key="study").count() == 1
    assert set(Attachment.objects.values_list("kind", flat=True)) == {"pdf", "pptx", "docx", "png"}
    # Typed files are read at once; the scanned page waits for the worker's OCR.
    assert list(Attachment.objects.exclude(status="done").values_list("kind", "status")) == [
        ("png", "pending")
    ]
    answer = find(script.COINED_WORD)
    assert keys(answer) == ["p01"]
    [result] = answer["results"]
    assert result["location"] == "policy-review-slides.pptx, slide 7"
    assert f"<mark>{script.COINED_WORD}</mark>" in result["snippet"]
    assert result["sample"] is True
    handout = find("handout")
    assert "p09" in keys(handout)


@pytest.mark.skipif(bool(ocr.missing()), reason=f"no OCR here: {ocr.missing()}")
@pytest.mark.slow  # the whole shipped dataset, indexed
def test_the_scanned_sample_page_is_read_by_the_worker_and_found(live, script):
    live(run_import, settings.WORKSHOP_DATASET)
    live(queue.drain)  # what the worker beside `make run` does

    scan = Attachment.objects.get(kind="png")
    assert (scan.presentation.key, scan.status) == ("p06", "done")
    assert "TRANG QUÉT MẪU" in scan.pages[0]  # labelled sample on the page itself
    assert list(scan.ocr_pages) == ["1"]
    for query in ("quét", "quet"):
        answer = find(query)
        assert keys(answer) == ["p06"], query
        assert answer["results"][0]["location"] == "ocop-trang-quet.png, page 1 (recognised text)"
        assert answer["results"][0]["sample"] is True
