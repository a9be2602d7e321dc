"""The moderation queue: counted on the admin's front page, oldest first, one click each."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from presentations.models import Feedback
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:presentations_feedback_moderation")


def moderate(client, item: Feedback, published: str):
    url = reverse("admin:presentations_feedback_moderate", args=[item.pk])
    return client.post(url, {"published": published})


def test_front_page_counts_unpublished_feedback(admin_client):
    FeedbackFactory.create_batch(3, published=False)
    FeedbackFactory(published=True)
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "3 feedback items await moderation" in html
    assert QUEUE in html
    vi = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "3 ý kiến đang chờ duyệt" in vi


def test_queue_lists_unpublished_feedback_oldest_first(admin_client):
    FeedbackFactory(key="fb-new", published=False, submitted_on=dt.date(2026, 11, 30))
    FeedbackFactory(key="fb-old", published=False, submitted_on=dt.date(2026, 10, 1))
    FeedbackFactory(key="fb-shown", published=True)
    html = admin_client.get(QUEUE).content.decode()
    queue = html[html.index('id="moderation-queue"') : html.index('id="recently-published"')]
    assert queue.index('id="waiting-fb-old"') < queue.index('id="waiting-fb-new"')
    assert "fb-shown" not in queue
    assert 'id="published-fb-shown"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_publish_in_one_click_records_who_and_when(admin_client, admin_user):
    item = FeedbackFactory(published=False)
    response = moderate(admin_client, item, "1")
    assert response.status_code == 302 and response.url == QUEUE
    item.refresh_from_db()
    assert item.published
    version = item.history.order_by("-history_date", "-history_id").first()
    assert version.history_user == admin_user
    assert version.history_change_reason == "Published"
    assert version.published is True
    assert abs(version.history_date - item.updated_at) < dt.timedelta(seconds=5)


def test_unpublish_in_one_click(admin_client):
    item = FeedbackFactory(published=True)
    moderate(admin_client, item, "0")
    item.refresh_from_db()
    assert not item.published
    assert item.history.first().history_change_reason == "Unpublished"


def test_moderation_needs_post_csrf_and_change_permission(client, django_user_model):
    item = FeedbackFactory(published=False)
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)
    url = reverse("admin:presentations_feedback_moderate", args=[item.pk])
    assert client.get(url).status_code in (403, 405)
    assert client.post(url, {"published": "1"}).status_code == 403
    item.refresh_from_db()
    assert not item.published


def test_csrf_is_enforced(admin_user):
    item = FeedbackFactory(published=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert moderate(client, item, "1").status_code == 403
    item.refresh_from_db()
    assert not item.published


def test_a_bad_choice_changes_nothing(admin_client):
    item = FeedbackFactory(published=False)
    response = admin_client.post(
        reverse("admin:presentations_feedback_moderate", args=[item.pk]),
        {"published": "yes"},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    item.refresh_from_db()
    assert not item.published
    missing = reverse("admin:presentations_feedback_moderate", args=[999999])
    assert admin_client.post(missing, {"published": "1"}).status_code == 404
