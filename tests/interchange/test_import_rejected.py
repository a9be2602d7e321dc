"""import_kb refuses a bad file as a whole: every problem named, nothing written, exit non-zero."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from policies.models import PolicyMeasure
from presentations.models import Presentation
from sonla_kb.interchange import importer
from tests.factories import PolicyFactory, PresentationFactory, ThemeFactory

from .helpers import kb_counts, rejected_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing():
    """A policy the bad file would update, to show that it is not touched."""
    return PolicyFactory(key="pol-2017-gap", title="Original title", tags=["GAP"])


def _policy(document: dict[str, Any]) -> dict[str, Any]:
    return document["policies"][0]


def _set(path: Callable[[dict], dict], field: str, value: Any) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        path(document)[field] = value

    return change


def _drop(path: Callable[[dict], dict], field: str) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        del path(document)[field]

    return change


def _duplicate_policy(document: dict) -> None:
    document["policies"].append(copy.deepcopy(_policy(document)))


def _set_about(document: dict) -> None:
    document["feedback"][0]["about"] = {"type": "presentation", "key": "p99"}


CASES = {
    "missing field": (
        _drop(_policy, "issuer"),
        "policies[pol-2017-gap].issuer: missing (required)",
    ),
    "bad date": (
        _set(_policy, "issued_on", "2017-13-01"),
        "policies[pol-2017-gap].issued_on: not a date in YYYY-MM-DD: '2017-13-01'",
    ),
    "duplicate key": (
        _duplicate_policy,
        "policies[pol-2017-gap].key: 'pol-2017-gap' at [1] is given already at [0]",
    ),
    "feedback about a missing record": (
        _set_about,
        "feedback[fb-001].about: no presentation with the key 'p99' in the file or the database",
    ),
    "bad enum": (
        _set(_policy, "status", "active"),
        "policies[pol-2017-gap].status: not one of in_force, expired, superseded, proposed: "
        "'active'",
    ),
    "unknown field": (
        _set(_policy, "isued_on", "2017-03-01"),
        "policies[pol-2017-gap].isued_on: unknown field",
    ),
    "bad key": (
        _set(_policy, "key", "Pol 2017"),
        "policies[0].key: not a key (1 to 100 characters of a-z, 0-9 and '-'): 'Pol 2017'",
    ),
    "wrong format": (
        lambda document: document.update(format="sonla-kb/2"),
        "format: not 'sonla-kb/1': 'sonla-kb/2'",
    ),
    "unknown section": (
        lambda document: document.update(policy=[]),
        "policy: unknown section (expected one of themes, workshop, study, presentations, "
        "policies, feedback, indicators, terms)",
    ),
    "too long": (
        _set(_policy, "issuer", "x" * 201),
        "policies[pol-2017-gap].issuer: Ensure this value has at most 200 characters (it has 201).",
    ),
    "files": (
        lambda document: document["presentations"][0].update(files=[{"path": "a.pdf"}]),
        "presentations[p01].files[0].path: no such file in the JSON file's folder: 'a.pdf'",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_is_rejected_whole(case, existing, full_kb, write_kb):
    change, expected = CASES[case]
    _policy(full_kb)["title"] = "Changed title"
    change(full_kb)
    before = kb_counts()

    lines = rejected_lines(write_kb(full_kb))

    assert expected in lines
    assert kb_counts() == before
    existing.refresh_from_db()
    assert existing.title == "Original title"


def test_malformed_json_is_one_line_with_line_and_column(existing, write_kb):
    path = write_kb('{"format": "sonla-kb/1",\n "policies": [\n  {"key": "pol-2017-gap",}\n ]}')
    before = kb_counts()

    assert rejected_lines(path) == [
        f"{path}: malformed JSON at line 3, column 26: "
        "Expecting property name enclosed in double quotes"
    ]
    assert kb_counts() == before


def test_a_missing_file_is_one_line(tmp_path):
    [line] = rejected_lines(tmp_path / "nope.json")
    assert line.startswith(f"{tmp_path / 'nope.json'}: cannot be read")


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "kb.json"
    path.write_bytes('{"format": "sonla-kb/1", "workshop": {"title": "Café"}}'.encode("latin-1"))
    [line] = rejected_lines(path)
    assert line.startswith(f"{path}: not UTF-8 text")


def test_all_problems_are_listed_in_section_order(existing, full_kb, write_kb):
    full_kb["presentations"].append({"key": "p03", "order": 1, "title": "Clash"})
    _policy(full_kb)["kind"] = "law"
    full_kb["feedback"][0]["about"] = {"type": "study", "key": "no-such-study"}
    full_kb["format"] = "sonla-kb/0"

    assert rejected_lines(write_kb(full_kb)) == [
        "format: not 'sonla-kb/1': 'sonla-kb/0'",
        "presentations[p03].order: 1 at [2] is given already at [0]",
        "policies[pol-2017-gap].kind: not one of resolution, decision, plan, programme, "
        "directive, other: 'law'",
        "feedback[fb-001].about: no study with the key 'no-such-study' in the file or the database",
    ]


def test_an_order_held_by_a_presentation_not_in_the_file_is_refused(full_kb, write_kb):
    PresentationFactory(key="p09", order=2, title="Kept")
    lines = rejected_lines(write_kb(full_kb))
    assert lines == [
        "presentations[p02].order: 2 is the order of the presentation 'p09', "
        "which this file does not list"
    ]
    assert Presentation.objects.count() == 1


def test_a_slug_held_by_another_theme_is_refused(full_kb, write_kb):
    ThemeFactory(name="Good agricultural practice", slug="gap")
    assert rejected_lines(write_kb(full_kb)) == [
        "themes[GAP].slug: 'gap' is the slug of the theme 'Good agricultural practice'"
    ]


def test_a_failure_while_writing_rolls_everything_back(existing, full_kb, write_kb, monkeypatch):
    real = importer.upsert_section

    def fail_on_feedback(**kwargs):
        if kwargs["spec"].name == "feedback":
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(importer, "upsert_section", fail_on_feedback)
    _policy(full_kb)["title"] = "Changed title"
    before = kb_counts()

    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_file(path=write_kb(full_kb))

    assert kb_counts() == before
    assert PolicyMeasure.objects.get(key="pol-2017-gap").title == "Original title"
