"""The index follows every change once it commits, whoever makes it."""

import io

import pytest
from django.core.management import call_command

from sonla_kb.search.changelog import IndexChange
from sonla_kb.themes import Theme
from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, WorkshopFactory

from .conftest import find, keys, one_policy_kb

pytestmark = pytest.mark.django_db


def test_created_record_is_found(live):
    live(PolicyFactory, key="new", title="Replanting support")
    assert keys(find("replanting")) == ["new"]


def test_edited_record_is_found_by_its_new_text(live):
    policy = live(PolicyFactory, key="edit", title="Old wording")

    def edit():
        policy.title = "Fresh wording"
        policy.save()

    live(edit)
    assert keys(find("fresh")) == ["edit"]
    assert keys(find("old")) == []


def test_deleted_record_leaves_the_index(live):
    policy = live(PolicyFactory, key="gone", title="Vanishing measure")
    live(policy.delete)
    assert find("vanishing")["total"] == 0
    assert find("vanish*")["total"] == 0
    assert find("vanishin~")["total"] == 0


def test_themes_changed(live):
    policy = live(PolicyFactory, key="tagged", tags=["GAP"])
    live(policy.tags.set, ["OCOP"])
    assert keys(find("", tag="ocop")) == ["tagged"]
    assert find("", tag="gap")["total"] == 0
    live(policy.tags.clear)
    assert find("", tag="ocop")["total"] == 0


def test_theme_renamed_reindexes_its_records(live):
    live(PolicyFactory, key="renamed", tags=["Linkage"])

    def rename():
        theme = Theme.objects.get(name="Linkage")
        theme.name = "Linkage chains"
        theme.save()

    live(rename)
    assert find("")["results"][0]["tags"] == ["Linkage chains"]


def test_feedback_unpublished_and_published_again(live):
    feedback = live(FeedbackFactory, key="fb-x", text="Cooperatives need credit.")
    assert keys(find("credit")) == ["fb-x"]

    def set_published(value):
        feedback.published = value
        feedback.save()

    live(set_published, False)
    assert find("credit")["total"] == 0
    live(set_published, True)
    assert keys(find("credit")) == ["fb-x"]


def test_workshop_date_reaches_presentations(live):
    live(PresentationFactory, key="p01", title="Opening")
    import datetime as dt

    live(WorkshopFactory, date=dt.date(2025, 6, 12))
    assert find("opening")["results"][0]["date"] == "2025-06-12"


@pytest.mark.usefixtures("whoosh_backend")
def test_a_change_that_cannot_reach_the_index_is_kept_and_applied_later(live, settings):
    from sonla_kb.search import catch_up
    from sonla_kb.search.backends.whoosh import storage

    root = storage.index_root()
    with storage.writer_lock(root, timeout=1) as held:
        assert held  # another writer holds the index: the change must wait in the log
        settings.SEARCH_WRITER_LOCK_TIMEOUT = 0.05
        live(PolicyFactory, key="late", title="Delayed measure")
        assert find("delayed")["total"] == 0
        assert IndexChange.objects.exists()
    assert catch_up(lock_timeout=1) >= 1
    assert keys(find("delayed")) == ["late"]


def test_import_reaches_the_index(live, tmp_path):
    live(call_command, "import_kb", str(one_policy_kb(tmp_path)), stdout=io.StringIO())
    assert keys(find("irrigation")) == ["imported"]
