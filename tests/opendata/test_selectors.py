"""The about page's reads: the latest change of public content, the contact, the counts."""

import datetime as dt

import pytest
from django.utils import timezone

from sonla_kb.opendata.selectors import contact_email, last_updated, record_counts
from tests.factories import FeedbackFactory, PolicyFactory

pytestmark = pytest.mark.django_db


def test_an_empty_knowledge_base_was_never_updated():
    assert last_updated() is None


def test_the_latest_change_is_the_latest_version_of_a_public_record():
    policy = PolicyFactory(key="pol-a")
    first = last_updated()
    assert first is not None and timezone.now() - first < dt.timedelta(minutes=5)

    policy.title = "Changed"
    policy.save()
    assert last_updated() > first

    changed = last_updated()
    policy.delete()
    assert last_updated() > changed  # a deletion is a change too


def test_moderating_hidden_feedback_is_not_a_public_change():
    PolicyFactory(key="pol-a")
    before = last_updated()
    hidden = FeedbackFactory(key="fb-001", published=False)
    hidden.text = "Still hidden"
    hidden.save()
    assert last_updated() == before

    hidden.published = True
    hidden.save()
    assert last_updated() > before


def test_the_contact_is_a_setting(settings):
    settings.CONTACT_EMAIL = " kb@example.org "
    assert contact_email() == "kb@example.org"


def test_counts_say_how_many_records_are_sample():
    PolicyFactory(key="pol-a", sample=True)
    PolicyFactory(key="pol-b", sample=False)
    FeedbackFactory(key="fb-001", published=False)
    counts = record_counts()
    assert (counts["policies"], counts["policies_sample"], counts["feedback"]) == (2, 1, 0)
