"""Admin smoke test of the policy register, the study and the indicators."""

import pytest
from django.urls import reverse

from tests.factories import FeedbackFactory, IndicatorFactory, PolicyFactory, StudyFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    "policymeasure": lambda: PolicyFactory(tags=["GAP"], sample=True),
    "study": lambda: StudyFactory(tags=["GAP"]),
    "indicator": IndicatorFactory,
}


@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_staff_open_changelist_add_and_change(admin_client, model_name):
    obj = FACTORIES[model_name]()
    for url in (
        reverse(f"admin:policies_{model_name}_changelist"),
        reverse(f"admin:policies_{model_name}_add"),
        reverse(f"admin:policies_{model_name}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_anonymous_is_sent_to_login(client, model_name):
    response = client.get(reverse(f"admin:policies_{model_name}_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_policy_changelist_shows_sample_column_and_filters(admin_client):
    PolicyFactory(title="A sample measure", sample=True, tags=["GAP"])
    url = reverse("admin:policies_policymeasure_changelist")
    html = admin_client.get(url).content.decode()
    assert "column-sample" in html
    assert "column-themes" in html and "GAP" in html
    for query in ("sample__exact=1", "status__exact=in_force", "kind__exact=decision"):
        response = admin_client.get(f"{url}?{query}")
        assert response.status_code == 200
        assert "A sample measure" in response.content.decode()
    assert admin_client.get(f"{url}?issued_on__year=2020").status_code == 200
    assert admin_client.get(f"{url}?q=sample").status_code == 200


def test_policy_and_study_change_pages_show_their_feedback_inline(admin_client):
    policy = PolicyFactory()
    study = StudyFactory()
    FeedbackFactory(policy=policy, text="Inline remark on the policy", published=False)
    FeedbackFactory(study=study, text="Inline remark on the study")
    html = admin_client.get(
        reverse("admin:policies_policymeasure_change", args=[policy.pk])
    ).content.decode()
    assert "Inline remark on the policy" in html
    assert 'id="feedback-group"' in html
    html = admin_client.get(
        reverse("admin:policies_study_change", args=[study.pk])
    ).content.decode()
    assert "Inline remark on the study" in html


def test_indicator_changelist_shows_the_value_as_the_home_page_does(admin_client):
    IndicatorFactory(value="88.77", unit="million USD")
    html = admin_client.get(reverse("admin:policies_indicator_changelist")).content.decode()
    assert "USD 88.77 million" in html
