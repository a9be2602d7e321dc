"""import_kb and export_kb with files: all or nothing (media folder included), idempotent,
and a round trip that gives back the same bytes and the same text."""

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from sonla_kb.attachments.models import Attachment
from sonla_kb.interchange import importer
from sonla_kb.search.changelog import IndexChange
from tests.interchange.helpers import kb_counts, rejected_lines, run_export, run_import, wipe_kb
from tests.search.conftest import find, keys

from .builders import OLE_HEADER, encrypt_pdf, make_pdf, zip_bomb
from .conftest import NOTES_WORD

pytestmark = pytest.mark.django_db


def document(files: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A kb-format document: the study and two presentations, with these files by key."""
    files = copy.deepcopy(files)
    return {
        "format": "sonla-kb/1",
        "study": {"key": "study", "title": "The study", "files": files.get("study", [])},
        "presentations": [
            {"key": "p01", "order": 1, "title": "Opening", "files": files.get("p01", [])},
            {"key": "p02", "order": 2, "title": "Trả lời", "files": files.get("p02", [])},
        ],
    }


@pytest.fixture
def folder(tmp_path, deck, report_pdf, report_docx) -> Path:
    """A folder with a kb.json beside its files."""
    root = tmp_path / "kb"
    (root / "decks").mkdir(parents=True)
    (root / "decks" / "slides.pptx").write_bytes(deck)
    (root / "handout.pdf").write_bytes(report_pdf)
    (root / "report.docx").write_bytes(report_docx)
    return root


def write(folder: Path, doc: dict[str, Any]) -> Path:
    """Write the document as kb.json in the folder."""
    path = folder / "kb.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {
    "p01": [
        {"path": "decks/slides.pptx", "title": "Slides"},
        {"path": "handout.pdf", "title": "Handout"},
    ],
    "study": [{"path": "report.docx", "title": "The report"}],
}


def test_import_attaches_the_files_and_makes_them_searchable(live, folder, stored):
    out = live(run_import, write(folder, document(GOOD)))

    assert "presentations: 2 created" in out
    assert sorted(Attachment.objects.values_list("original_name", "title")) == [
        ("handout.pdf", "Handout"),
        ("report.docx", "The report"),
        ("slides.pptx", "Slides"),
    ]
    assert len(stored()) == 3
    answer = find(NOTES_WORD)
    assert keys(answer) == ["p01"]
    assert answer["results"][0]["location"] == "slides.pptx, slide 7"
    assert keys(find("23,312")) == ["study"]


def test_importing_the_same_files_twice_changes_nothing(live, folder, stored):
    path = write(folder, document(GOOD))
    live(run_import, path)
    files, changes = stored(), IndexChange.objects.count()
    rows = list(Attachment.objects.values_list("pk", "updated_at", "file"))

    out = live(run_import, path)

    assert all(" 0 created, 0 updated, " in line for line in out.splitlines())
    assert stored() == files
    assert IndexChange.objects.count() == changes
    assert list(Attachment.objects.values_list("pk", "updated_at", "file")) == rows


def test_new_content_under_the_same_name_replaces_the_file(live, folder, stored):
    path = write(folder, document(GOOD))
    live(run_import, path)
    old = Attachment.objects.get(original_name="handout.pdf")
    (folder / "handout.pdf").write_bytes(make_pdf(["A revised handout on shade trees"]))

    out = live(run_import, path)

    assert "presentations: 0 created, 1 updated, 1 unchanged" in out
    new = Attachment.objects.get(original_name="handout.pdf")
    assert new.pk == old.pk and new.file.name != old.file.name
    assert old.file.name not in stored() and new.file.name in stored()
    assert keys(find("shade trees")) == ["p01"]


def test_a_changed_title_is_updated(live, folder):
    doc = document(GOOD)
    live(run_import, write(folder, doc))
    doc["study"]["files"][0]["title"] = "The final report"
    out = live(run_import, write(folder, doc))
    assert "study: 0 created, 1 updated, 0 unchanged" in out
    assert Attachment.objects.get(original_name="report.docx").title == "The final report"


def bad_file(folder: Path, name: str, data: bytes) -> list[dict[str, str]]:
    """Write a bad file into the folder; its files entry."""
    (folder / name).write_bytes(data)
    return [{"path": name, "title": "Bad"}]


BAD_FILES = {
    "renamed": ("slides.pdf", lambda deck: deck, "it is not what its name says"),
    "encrypted pdf": (
        "secret.pdf",
        lambda deck: encrypt_pdf(make_pdf(["x"])),
        "encrypted (password-protected) PDF",
    ),
    "ole container": (
        "locked.pptx",
        lambda deck: OLE_HEADER + bytes(600),
        "encrypted (password-protected) or old-format Office file",
    ),
    "corrupt": ("cut.pptx", lambda deck: deck[:2000], "damaged"),
    "zip bomb": ("bomb.docx", lambda deck: zip_bomb(expanded=2 * 1024 * 1024), "when unpacked"),
    "not a document": ("notes.pdf", lambda deck: b"just some text", "was not recognised"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_rejects_the_whole_import(case, live, folder, stored, deck):
    live(run_import, write(folder, document({"p01": GOOD["p01"]})))
    name, make, message = BAD_FILES[case]
    before = (kb_counts(), Attachment.objects.count(), stored(), IndexChange.objects.count())
    doc = document({**GOOD, "p02": bad_file(folder, name, make(deck))})
    doc["presentations"][0]["title"] = "Changed"

    lines = live(rejected_lines, write(folder, doc))

    [line] = lines
    assert line.startswith(f"presentations[p02].files[0].path: “{name}” is refused: ")
    assert message in line
    after = (kb_counts(), Attachment.objects.count(), stored(), IndexChange.objects.count())
    assert after == before
    assert find("changed")["total"] == 0
    assert find("23,312")["total"] == 0  # the study's report never reached the index


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.pdf", "must stay inside the JSON file's folder, without '..'"),
        ("/etc/passwd.pdf", "an absolute path; give it relative to the JSON file's folder"),
        ("decks\\slides.pptx", "use '/' between folders"),
        ("missing.pdf", "no such file in the JSON file's folder: 'missing.pdf'"),
        ("notes.txt", "not the name of a .pdf, .pptx, .docx, .png or .jpg file"),
        ("decks/./slides.pptx", "must stay inside"),
    ],
)
def test_a_bad_path_is_refused(path, message, folder, stored):
    (folder.parent / "outside.pdf").write_bytes(make_pdf(["outside"]))
    doc = document({"p01": [{"path": path, "title": "x"}]})
    [line] = rejected_lines(write(folder, doc))
    assert line.startswith("presentations[p01].files[0].path: ")
    assert message in line
    assert kb_counts()["Presentation"] == 0 and stored() == []


def test_a_link_leading_out_of_the_folder_is_refused(folder, stored):
    (folder.parent / "secret.pdf").write_bytes(make_pdf(["secret"]))
    os.symlink(folder.parent / "secret.pdf", folder / "link.pdf")
    [line] = rejected_lines(write(folder, document({"p01": [{"path": "link.pdf"}]})))
    assert "leads outside the JSON file's folder" in line
    assert stored() == []


def test_entries_are_checked_before_any_file_is_read(folder):
    doc = document(
        {
            "p01": [
                {"path": "handout.pdf", "title": "A", "size": 3},
                {"path": "handout.pdf"},
            ],
            "p02": [{"path": "handout.pdf"}, {"path": "HANDOUT.pdf"}],
            "study": [{"title": "no path"}],
        }
    )
    assert rejected_lines(write(folder, doc)) == [
        "study[study].files[0].path: missing (required)",
        "presentations[p01].files[0].size: unknown field",
        "presentations[p02].files[1].path: a file named 'HANDOUT.pdf' is given already at [0]",
    ]


def test_files_need_the_json_files_folder():
    with pytest.raises(importer.ImportRejected) as caught:
        importer.import_data(data=document({"p01": [{"path": "a.pdf"}]}))
    assert [str(p) for p in caught.value.problems] == [
        "presentations[p01].files[0].path: files can only be imported from a JSON file, "
        "relative to its folder"
    ]


def test_a_failure_while_writing_removes_the_stored_files(folder, stored, monkeypatch):
    real = importer.upsert_section

    def fail_after_presentations(**kwargs):
        counts = real(**kwargs)
        if kwargs["spec"].name == "presentations":
            raise RuntimeError("disk full")
        return counts

    monkeypatch.setattr(importer, "upsert_section", fail_after_presentations)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_file(path=write(folder, document(GOOD)))
    assert Attachment.objects.count() == 0
    assert stored() == []


def test_export_writes_the_files_beside_the_json_and_round_trips(live, folder, tmp_path):
    live(run_import, write(folder, document(GOOD)))
    first, second = tmp_path / "one" / "kb.json", tmp_path / "two" / "kb.json"
    run_export(first)
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert exported["presentations"][0]["files"] == [
        {"path": "files/presentations/p01/handout.pdf", "title": "Handout"},
        {"path": "files/presentations/p01/slides.pptx", "title": "Slides"},
    ]
    assert exported["study"]["files"] == [
        {"path": "files/study/study/report.docx", "title": "The report"}
    ]
    texts = dict(Attachment.objects.values_list("original_name", "text"))

    live(wipe_kb)
    live(run_import, first)
    run_export(second)

    assert second.read_bytes() == first.read_bytes()
    sources = {"handout.pdf": "handout.pdf", "slides.pptx": "decks/slides.pptx"}
    sources["report.docx"] = "report.docx"
    for entry in (*exported["presentations"][0]["files"], *exported["study"]["files"]):
        original = (folder / sources[Path(entry["path"]).name]).read_bytes()
        assert (first.parent / entry["path"]).read_bytes() == original
        assert (second.parent / entry["path"]).read_bytes() == original
    assert dict(Attachment.objects.values_list("original_name", "text")) == texts
    assert keys(find(NOTES_WORD)) == ["p01"]


def test_export_keeps_names_apart_and_safe(tmp_path, report_pdf):
    from sonla_kb.attachments import services
    from tests.factories import PresentationFactory

    presentation = PresentationFactory(key="p09")
    for name in ("Cà phê.pdf", "Cà phê.pdf", "a:b.pdf"):
        services.attach_file(record=presentation, name=name, data=report_pdf)
    target = tmp_path / "out" / "kb.json"
    run_export(target)
    files = json.loads(target.read_text(encoding="utf-8"))["presentations"][0]["files"]
    assert [f["path"] for f in files] == [
        "files/presentations/p09/Cà phê.pdf",
        "files/presentations/p09/Cà phê-2.pdf",
        "files/presentations/p09/a-b.pdf",
    ]
    assert all((target.parent / f["path"]).read_bytes() == report_pdf for f in files)
