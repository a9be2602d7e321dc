"""Admin of the workshop, presentations and feedback: smoke test, inline, moderation actions."""

import pytest
from django.db.models.signals import post_save
from django.urls import reverse

from presentations.models import Feedback
from tests.factories import (
    FeedbackFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "workshop": WorkshopFactory,
    "presentation": lambda: PresentationFactory(tags=["GAP"], sample=True),
    "feedback": lambda: FeedbackFactory(presentation=PresentationFactory(), tags=["GAP"]),
}


@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_staff_open_changelist_add_and_change(admin_client, model_name):
    obj = FACTORIES[model_name]()
    for url in (
        reverse(f"admin:presentations_{model_name}_changelist"),
        reverse(f"admin:presentations_{model_name}_add"),
        reverse(f"admin:presentations_{model_name}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_anonymous_is_sent_to_login(client, model_name):
    response = client.get(reverse(f"admin:presentations_{model_name}_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_presentation_change_page_shows_its_feedback_inline(admin_client):
    presentation = PresentationFactory()
    FeedbackFactory(presentation=presentation, text="Inline remark on the talk")
    url = reverse("admin:presentations_presentation_change", args=[presentation.pk])
    html = admin_client.get(url).content.decode()
    assert "Inline remark on the talk" in html
    assert 'id="feedback-group"' in html


@pytest.mark.parametrize(
    "query",
    [
        "about=workshop",
        "about=study",
        "about=presentation",
        "about=policy",
        "published__exact=0",
        "sample__exact=1",
        "submitted_on__year=2025",
        "q=delegate",
    ],
)
def test_feedback_changelist_filters(admin_client, query):
    FeedbackFactory(study=StudyFactory())
    FeedbackFactory(policy=PolicyFactory(), published=False, sample=True)
    url = reverse("admin:presentations_feedback_changelist")
    assert admin_client.get(f"{url}?{query}").status_code == 200


def test_feedback_changelist_says_what_each_item_is_about(admin_client):
    FeedbackFactory(presentation=PresentationFactory(title="Branding talk"))
    FeedbackFactory()
    html = admin_client.get(reverse("admin:presentations_feedback_changelist")).content.decode()
    assert "Presentation: Branding talk" in html
    assert "The workshop" in html
    assert "column-sample" in html and "column-published" in html and "column-excerpt" in html


def run_action(admin_client, action: str, items: list[Feedback]):
    return admin_client.post(
        reverse("admin:presentations_feedback_changelist"),
        {"action": action, "_selected_action": [f.pk for f in items]},
        follow=True,
    )


def test_publish_and_unpublish_actions_save_each_item(admin_client):
    hidden = FeedbackFactory.create_batch(2, published=False)
    shown = FeedbackFactory(published=True)
    saves = []

    def record_save(sender, instance, update_fields, **kwargs):
        saves.append((instance.pk, instance.published, frozenset(update_fields or ())))

    post_save.connect(record_save, sender=Feedback)
    try:
        response = run_action(admin_client, "publish_feedback", [*hidden, shown])
        assert response.status_code == 200
        assert "2 feedback items published." in response.content.decode()
        assert Feedback.objects.filter(published=True).count() == 3
        # post_save fired once per changed item, so the search index follows.
        assert sorted(saves) == sorted(
            (f.pk, True, frozenset({"published", "updated_at"})) for f in hidden
        )

        saves.clear()
        response = run_action(admin_client, "unpublish_feedback", [hidden[0], shown])
        assert "2 feedback items unpublished." in response.content.decode()
        assert set(Feedback.objects.filter(published=False)) == {hidden[0], shown}
        assert {pk for pk, _, _ in saves} == {hidden[0].pk, shown.pk}
    finally:
        post_save.disconnect(record_save, sender=Feedback)


def test_unpublished_feedback_leaves_the_public_page(admin_client, client):
    policy = PolicyFactory()
    item = FeedbackFactory(policy=policy, text="Soon to be withdrawn.")
    assert "Soon to be withdrawn." in client.get(policy.get_absolute_url()).content.decode()
    run_action(admin_client, "unpublish_feedback", [item])
    assert "Soon to be withdrawn." not in client.get(policy.get_absolute_url()).content.decode()


def test_feedback_about_two_records_is_refused(admin_client):
    data = {
        "key": "fb-two",
        "author": "A delegate",
        "organisation": "",
        "submitted_on": "2025-06-01",
        "study": StudyFactory().pk,
        "policy": PolicyFactory().pk,
        "presentation": "",
        "text": "Both?",
        "language": "en",
        "published": "on",
    }
    response = admin_client.post(reverse("admin:presentations_feedback_add"), data)
    assert response.status_code == 200
    assert "Feedback is about one record at most" in response.content.decode()
    assert not Feedback.objects.filter(key="fb-two").exists()


def test_feedback_changelist_filters_by_theme(admin_client):
    FeedbackFactory(text="Themed remark", tags=["GAP"])
    FeedbackFactory(text="Plain remark")
    theme = Feedback.objects.get(text="Themed remark").tags.get()
    url = reverse("admin:presentations_feedback_changelist")
    html = admin_client.get(f"{url}?tags__id__exact={theme.pk}").content.decode()
    assert "Themed remark" in html and "Plain remark" not in html
