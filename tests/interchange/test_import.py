"""import_kb creates what is new, updates what changed, leaves the rest exactly as it was."""

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb import search
from sonla_kb.interchange import upsert
from sonla_kb.search.changelog import IndexChange
from sonla_kb.themes import Theme
from tests.factories import (
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.sonla_kb.terminal import Terminal

from .helpers import kb_counts, run_import, wipe_kb

pytestmark = pytest.mark.django_db


def updated_at_of_everything() -> dict[str, Any]:
    """Every record's updated_at, by model and key."""
    stamps: dict[str, Any] = {}
    for model in (Study, Presentation, PolicyMeasure, Feedback):
        stamps.update(
            {f"{model.__name__}:{k}": t for k, t in model.objects.values_list("key", "updated_at")}
        )
    return stamps


def test_a_full_file_creates_every_record(full_kb, write_kb):
    out = run_import(write_kb(full_kb))

    assert out.splitlines() == [
        "themes: 3 created, 0 updated, 0 unchanged",
        "workshop: 1 created, 0 updated, 0 unchanged",
        "study: 1 created, 0 updated, 0 unchanged",
        "presentations: 2 created, 0 updated, 0 unchanged",
        "policies: 1 created, 0 updated, 0 unchanged",
        "feedback: 2 created, 0 updated, 0 unchanged",
        "indicators: 2 created, 0 updated, 0 unchanged",
    ]
    policy = PolicyMeasure.objects.get(key="pol-2017-gap")
    assert policy.issued_on == dt.date(2017, 3, 1)
    assert sorted(policy.tags.names()) == ["GAP", "Planting area codes"]
    assert Presentation.objects.get(key="p02").title == "Cà phê <b>đặc sản</b> & GI"
    assert Feedback.objects.get(key="fb-001").policy == policy
    assert Feedback.objects.get(key="fb-002").about is None
    assert Feedback.objects.get(key="fb-002").sample is True
    assert Feedback.objects.get(key="fb-002").published is False
    assert Indicator.objects.get(key="processed-share").value == Decimal("47.9")
    assert Workshop.objects.get().venue == "Sơn La"
    # A theme named only in `tags` is created with its name alone, its slug derived.
    assert Theme.objects.get(name="Planting area codes").slug == "planting-area-codes"
    assert Theme.objects.get(name="Geographical indications").name_vi == "Chỉ dẫn địa lý"


def test_importing_the_same_file_twice_changes_nothing(full_kb, write_kb):
    path = write_kb(full_kb)
    run_import(path)
    stamps, counts = updated_at_of_everything(), kb_counts()
    log_size = IndexChange.objects.count()

    out = run_import(path)

    assert len(out.splitlines()) == 7
    assert all(" 0 created, 0 updated, " in line for line in out.splitlines())
    assert updated_at_of_everything() == stamps
    assert kb_counts() == counts
    assert IndexChange.objects.count() == log_size


def test_only_what_changed_is_saved(full_kb, write_kb):
    run_import(write_kb(full_kb))
    stamps = updated_at_of_everything()
    full_kb["policies"][0]["summary"] = "Now with a summary."
    full_kb["presentations"][1]["tags"] = ["Branding"]  # themes only

    out = run_import(write_kb(full_kb, "again.json"))

    assert "policies: 0 created, 1 updated, 0 unchanged" in out
    assert "presentations: 0 created, 1 updated, 1 unchanged" in out
    assert "themes: 1 created, 0 updated, 2 unchanged" in out
    after = updated_at_of_everything()
    changed = {key for key in stamps if after[key] != stamps[key]}
    assert changed == {"PolicyMeasure:pol-2017-gap", "Presentation:p02"}
    assert list(Presentation.objects.get(key="p02").tags.names()) == ["Branding"]


def test_an_absent_field_takes_its_default(write_kb):
    PolicyFactory(key="pol-1", summary="Old summary", number="12/NQ", tags=["GAP"])
    document = {
        "format": "sonla-kb/1",
        "policies": [
            {
                "key": "pol-1",
                "title": "T",
                "kind": "plan",
                "issuer": "I",
                "issued_on": "2018-01-01",
                "status": "expired",
            }
        ],
    }
    run_import(write_kb(document))
    policy = PolicyMeasure.objects.get(key="pol-1")
    assert (policy.summary, policy.number, list(policy.tags.all())) == ("", "", [])


def test_absent_sections_and_unlisted_records_are_left_alone(write_kb):
    kept = PolicyFactory(key="pol-kept")
    study = StudyFactory(key="study")
    document = {
        "format": "sonla-kb/1",
        "policies": [],
        "indicators": [{"key": "a", "name": "A", "value": 1}],
    }

    out = run_import(write_kb(document))

    assert out.splitlines() == [
        "policies: 0 created, 0 updated, 0 unchanged",
        "indicators: 1 created, 0 updated, 0 unchanged",
    ]
    assert PolicyMeasure.objects.get() == kept
    assert Study.objects.get() == study


def test_the_workshop_is_one_row_upserted(write_kb):
    WorkshopFactory(title="Old title")
    run_import(write_kb({"format": "sonla-kb/1", "workshop": {"title": "New title"}}))
    workshop = Workshop.objects.get()
    assert (workshop.title, workshop.venue, workshop.date) == ("New title", "", None)


def test_feedback_may_be_about_a_record_already_in_the_database(write_kb):
    study = StudyFactory(key="study")
    document = {
        "format": "sonla-kb/1",
        "feedback": [
            {
                "key": "fb-1",
                "author": "A",
                "about": {"type": "study", "key": "study"},
                "text": "T",
                "submitted_on": "2025-06-01",
            }
        ],
    }
    run_import(write_kb(document))
    assert Feedback.objects.get().study == study
    # Moving it to the workshop as a whole clears the link.
    document["feedback"][0]["about"] = None
    assert "feedback: 0 created, 1 updated" in run_import(write_kb(document, "b.json"))
    assert Feedback.objects.get().about is None


def test_themes_match_by_name_case_insensitively(write_kb):
    gap = ThemeFactory(name="GAP", slug="gap", name_vi="VietGAP")
    vi = ThemeFactory(name="Chỉ dẫn địa lý", slug="chi-dan-dia-ly")
    document = {
        "format": "sonla-kb/1",
        "policies": [
            {
                "key": "pol-1",
                "title": "T",
                "kind": "plan",
                "issuer": "I",
                "issued_on": "2018-01-01",
                "status": "in_force",
                "tags": ["gap", "CHỈ DẪN ĐỊA LÝ", "Đặc sản"],
            }
        ],
    }

    out = run_import(write_kb(document))

    assert "themes: 1 created, 0 updated, 0 unchanged" in out
    assert set(PolicyMeasure.objects.get().tags.all()) == {
        gap,
        vi,
        Theme.objects.get(name="Đặc sản"),
    }
    assert Theme.objects.get(name="Đặc sản").slug == "dac-san"
    assert Theme.objects.count() == 3


def test_the_themes_section_updates_a_theme_matched_case_insensitively(write_kb):
    gap = ThemeFactory(name="GAP", slug="gap", name_vi="", description="")
    document = {"format": "sonla-kb/1", "themes": [{"name": "Gap", "name_vi": "VietGAP"}]}

    assert run_import(write_kb(document)).splitlines() == [
        "themes: 0 created, 1 updated, 0 unchanged"
    ]

    gap.refresh_from_db()
    # The listed spelling wins; without a slug in the file the theme keeps its own.
    assert (gap.name, gap.slug, gap.name_vi) == ("Gap", "gap", "VietGAP")
    assert Theme.objects.count() == 1


def presentations(*orders: tuple[str, int]) -> dict[str, Any]:
    """A document with presentations of these keys and orders."""
    talks = [{"key": key, "order": order, "title": f"Talk {key}"} for key, order in orders]
    return {"format": "sonla-kb/1", "presentations": talks}


def test_presentations_can_swap_and_rotate_orders(write_kb):
    for key, order in (("p01", 1), ("p02", 2), ("p03", 3), ("p04", 4)):
        PresentationFactory(key=key, order=order, title=f"Talk {key}")

    out = run_import(
        write_kb(presentations(("p01", 2), ("p02", 1), ("p03", 4), ("p04", 5), ("p05", 3)))
    )

    assert out.splitlines() == ["presentations: 1 created, 4 updated, 0 unchanged"]
    assert dict(Presentation.objects.values_list("key", "order")) == {
        "p01": 2,
        "p02": 1,
        "p03": 4,
        "p04": 5,
        "p05": 3,
    }


def test_a_presentation_may_take_the_order_another_one_leaves(write_kb):
    PresentationFactory(key="p01", order=1, title="Talk p01")
    run_import(write_kb(presentations(("p01", 2), ("p00", 1))))
    assert list(Presentation.objects.values_list("key", flat=True)) == ["p00", "p01"]


def test_chunks_do_not_change_the_result(write_kb, monkeypatch):
    monkeypatch.setattr(upsert, "CHUNK", 3)
    document = {
        "format": "sonla-kb/1",
        "policies": [
            {
                "key": f"pol-{i:02d}",
                "title": f"Policy {i}",
                "kind": "plan",
                "issuer": "I",
                "issued_on": "2018-01-01",
                "status": "in_force",
                "tags": [f"Theme {i % 4}", "GAP"],
            }
            for i in range(10)
        ],
    }
    PolicyFactory(key="pol-04", title="Old", tags=["GAP"])

    assert "policies: 9 created, 1 updated, 0 unchanged" in run_import(write_kb(document))
    assert "policies: 0 created, 0 updated, 10 unchanged" in run_import(write_kb(document))
    assert sorted(PolicyMeasure.objects.get(key="pol-07").tags.names()) == ["GAP", "Theme 3"]


def policy_document(count: int) -> dict[str, Any]:
    """A document with `count` tagged policies and feedback about them."""
    return {
        "format": "sonla-kb/1",
        "policies": [
            {
                "key": f"pol-{i}",
                "title": f"Policy {i}",
                "kind": "plan",
                "issuer": "I",
                "issued_on": "2018-01-01",
                "status": "in_force",
                "tags": ["GAP", "Branding"],
            }
            for i in range(count)
        ],
        "feedback": [
            {
                "key": f"fb-{i}",
                "author": "A",
                "about": {"type": "policy", "key": f"pol-{i}"},
                "text": "T",
                "submitted_on": "2025-06-01",
                "tags": ["GAP"],
            }
            for i in range(count)
        ],
    }


def count_queries(path) -> int:
    """How many queries one import runs."""
    with CaptureQueriesContext(connection) as queries:
        run_import(path)
    return len(queries)


def test_queries_grow_by_a_small_constant_per_record(write_kb):
    small = count_queries(write_kb(policy_document(10), "small.json"))
    wipe_kb()
    large = count_queries(write_kb(policy_document(40), "large.json"))
    # 60 more records (30 policies, 30 feedback): a save, its history version and the search
    # log's own writes each.
    assert (large - small) / 60 <= 6

    # Nothing changed: a few queries per section, whatever the number of records.
    assert count_queries(write_kb(policy_document(40), "large.json")) <= 20


def test_a_file_with_no_section_says_so(write_kb):
    assert run_import(write_kb({"format": "sonla-kb/1"})).splitlines() == [
        "nothing to import: the file has no sections"
    ]


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "kb.json"
    text = '{"format": "sonla-kb/1", "workshop": {"title": "Hội thảo"}}'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run_import(path)
    assert Workshop.objects.get().title == "Hội thảo"


def test_progress_goes_to_stderr_as_a_plain_line_in_a_log(full_kb, write_kb):
    out, log = io.StringIO(), io.StringIO()
    call_command("import_kb", str(write_kb(full_kb)), stdout=out, stderr=log)
    # The index's own line may follow (PostgreSQL writes it in the import's transaction).
    line, *index_lines = log.getvalue().splitlines()
    assert line.startswith("Importing: 11/11 records in")
    assert all(x.startswith("Indexing changes: ") for x in index_lines)
    assert out.getvalue().startswith("themes: 3 created")


def test_progress_is_a_bar_on_a_terminal(full_kb, write_kb):
    screen = Terminal()
    call_command("import_kb", str(write_kb(full_kb)), stdout=io.StringIO(), stderr=screen)
    drawn = [part for part in screen.getvalue().split("\r") if part.startswith("Importing")]
    last = drawn[-1]
    assert last.startswith("Importing: 100%")
    assert "11/11" in last


@pytest.mark.django_db(transaction=True)
def test_the_index_following_the_import_shows_its_progress_too(index, full_kb, write_kb):
    log = io.StringIO()
    call_command("import_kb", str(write_kb(full_kb)), stdout=io.StringIO(), stderr=log)
    importing, indexing = log.getvalue().splitlines()
    assert importing.startswith("Importing: 11/11 records in")
    assert re.match(r"Indexing changes: (\d+)/\1 changes in", indexing)
    assert search.check(repair=False).clean
