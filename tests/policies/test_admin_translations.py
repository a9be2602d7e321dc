"""Staff write translations in the admin, in a "Translation" part of each record's form."""

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory, PolicyFactory, PresentationFactory, StudyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "factory", "fields"),
    [
        ("admin:policies_policymeasure_change", PolicyFactory, ("title_translated", "issuer_vi")),
        ("admin:policies_study_change", StudyFactory, ("title_translated", "summary_translated")),
        (
            "admin:presentations_presentation_change",
            PresentationFactory,
            ("title_translated", "summary_translated"),
        ),
        ("admin:policies_indicator_change", IndicatorFactory, ("name_vi", "note_vi", "scope_vi")),
    ],
)
def test_the_change_page_offers_the_translated_fields(admin_client, url_name, factory, fields):
    record = factory()
    html = admin_client.get(reverse(url_name, args=[record.pk])).content.decode()
    for field in fields:
        assert f'name="{field}"' in html, field


def test_a_translation_saved_in_the_admin_shows_on_the_page(admin_client, client):
    policy = PolicyFactory(key="plan", title="Plan for replanting", language="en")
    change = reverse("admin:policies_policymeasure_change", args=[policy.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
    data.update(title_translated="Kế hoạch tái canh", issued_on="2019-01-01")
    data.update({"feedback-TOTAL_FORMS": "0", "feedback-INITIAL_FORMS": "0", "effective_from": ""})
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = client.get("/policies/plan/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<h1 lang="vi">Kế hoạch tái canh</h1>' in html
