"""Completions: record titles before feedback, whatever way Vietnamese is typed."""

import unicodedata

import pytest

from sonla_kb import search
from tests.factories import FeedbackFactory, PolicyFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(live):
    def make():
        WorkshopFactory()
        FeedbackFactory(key="fb-001", author="Feedback Team", text="On the whole workshop.")
        PolicyFactory(key="loops", title="Feedback loops in policy making")
        PolicyFactory(key="hoa", language="vi", title="Hòa nhập thị trường")

    live(make)


def test_record_titles_come_before_feedback_titles(corpus):
    found = search.suggest("feedb")
    assert found[0] == "Feedback loops in policy making"
    assert len(found) == len(set(found))
    if len(found) > 1:  # the feedback's own title, last
        assert found[-1].startswith("Feedback from")


def test_completions_work_with_decomposed_text_and_either_tone_placement(corpus):
    assert search.suggest(unicodedata.normalize("NFD", "Hòa nh")) == ["Hòa nhập thị trường"]
    assert search.suggest("hoà nh") == ["Hòa nhập thị trường"]
