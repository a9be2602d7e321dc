"""Entering feedback in the admin: dates read one way per language, keys made, language set."""

import datetime as dt

import pytest
from django.urls import reverse

from presentations.feedback_keys import next_feedback_key
from presentations.models import Feedback
from tests.factories import FeedbackFactory, PolicyFactory
from tests.production.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:presentations_feedback_add")
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def feedback_data(**changes) -> dict:
    data = {
        "key": "",
        "author": "Ms Lò Thị Hoa",
        "organisation": "Mai Sơn cooperative",
        "submitted_on": "2026-12-01",
        "study": "",
        "presentation": "",
        "policy": "",
        "text": "The planting codes need a field visit.",
        "language": "vi",
        "published": "on",
    }
    return {**data, **changes}


def test_vietnamese_admin_reads_01_12_2026_as_the_first_of_december(admin_client, client):
    policy = PolicyFactory()
    data = feedback_data(key="fb-date", submitted_on="01/12/2026", policy=policy.pk)
    response = admin_client.post(ADD, data, **VI)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Feedback.objects.get(key="fb-date").submitted_on == dt.date(2026, 12, 1)
    page = client.get(policy.get_absolute_url(), **VI).content.decode()
    assert "Ngày 01 tháng 12 năm 2026" in page
    assert 'datetime="2026-12-01"' in page


def test_english_admin_refuses_01_12_2026_and_says_how_to_write_it(admin_client):
    response = admin_client.post(ADD, feedback_data(key="fb-date", submitted_on="01/12/2026"), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the date as YYYY-MM-DD, e.g. 2026-12-01 for 1 December 2026" in html
    assert not Feedback.objects.filter(key="fb-date").exists()


def test_english_admin_takes_iso_and_month_names(admin_client):
    for key, typed in (("fb-iso", "2026-12-01"), ("fb-name", "1 December 2026")):
        response = admin_client.post(ADD, feedback_data(key=key, submitted_on=typed), **EN)
        assert response.status_code == 302
        assert Feedback.objects.get(key=key).submitted_on == dt.date(2026, 12, 1)


def test_vietnamese_admin_refusal_is_in_vietnamese(admin_client):
    response = admin_client.post(ADD, feedback_data(key="fb-x", submitted_on="12/31/2026"), **VI)
    html = response.content.decode()
    assert "ngày/tháng/năm" in html
    assert not Feedback.objects.filter(key="fb-x").exists()


def test_vietnamese_admin_shows_a_stored_date_day_first(admin_client):
    item = FeedbackFactory(submitted_on=dt.date(2026, 12, 1))
    url = reverse("admin:presentations_feedback_change", args=[item.pk])
    html = admin_client.get(url, **VI).content.decode()
    assert 'value="01/12/2026"' in html
    assert 'value="2026-12-01"' in admin_client.get(url, **EN).content.decode()


def test_add_form_suggests_the_next_free_key_and_the_staff_language(admin_client):
    FeedbackFactory(key="fb-007")
    FeedbackFactory(key="fb-012")
    FeedbackFactory(key="fb-special")
    form = admin_client.get(ADD, **VI).context["adminform"].form
    assert form["key"].value() == "fb-013"
    assert form["language"].value() == "vi"
    assert admin_client.get(ADD, **EN).context["adminform"].form["language"].value() == "en"


def test_an_empty_key_is_given_the_next_free_one_and_a_written_key_is_kept(admin_client):
    FeedbackFactory(key="fb-041")
    assert admin_client.post(ADD, feedback_data(key=""), **EN).status_code == 302
    assert Feedback.objects.filter(key="fb-042").exists()
    assert admin_client.post(ADD, feedback_data(key="hoa-remark"), **EN).status_code == 302
    assert Feedback.objects.filter(key="hoa-remark").exists()


def test_a_key_in_use_is_refused_with_a_message(admin_client):
    FeedbackFactory(key="fb-001")
    response = admin_client.post(ADD, feedback_data(key="fb-001"), **EN)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Feedback.objects.filter(key="fb-001").count() == 1


def test_new_inline_feedback_with_empty_keys_get_consecutive_keys(admin_client):
    policy = PolicyFactory()
    FeedbackFactory(key="fb-009")
    url = reverse("admin:policies_policymeasure_change", args=[policy.pk])
    data = admin_form_data(admin_client.get(url))
    prefix = "feedback"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    for i in range(2):
        data.update(
            {
                f"{prefix}-{i}-key": "",
                f"{prefix}-{i}-author": f"Delegate {i}",
                f"{prefix}-{i}-submitted_on": "2026-12-01",
                f"{prefix}-{i}-text": f"Remark {i}",
                f"{prefix}-{i}-language": "en",
                f"{prefix}-{i}-published": "on",
            }
        )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert sorted(policy.feedback.values_list("key", flat=True)) == ["fb-010", "fb-011"]


def test_next_key_skips_keys_of_another_shape():
    assert next_feedback_key() == "fb-001"
    FeedbackFactory(key="fb-999")
    FeedbackFactory(key="fb-12-extra")
    assert next_feedback_key() == "fb-1000"
