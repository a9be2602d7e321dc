"""Theme admin, and the themes autocomplete box every record's admin form uses."""

import pytest
from django.urls import reverse

from policies.models import PolicyMeasure
from sonla_kb.themes import Theme
from tests.factories import PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_theme_admin_pages_open_for_staff(admin_client):
    theme = ThemeFactory(name="GAP", slug="gap", name_vi="VietGAP")
    PolicyFactory(tags=["GAP"])
    changelist = admin_client.get(reverse("admin:sonla_kb_theme_changelist"))
    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert "VietGAP" in html and "Records" in html
    assert admin_client.get(reverse("admin:sonla_kb_theme_add")).status_code == 200
    change = reverse("admin:sonla_kb_theme_change", args=[theme.pk])
    assert admin_client.get(change).status_code == 200


def test_theme_admin_is_staff_only(client):
    response = client.get(reverse("admin:sonla_kb_theme_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_taggit_tag_table_is_hidden(admin_client):
    assert admin_client.get("/admin/taggit/tag/").status_code == 404


def autocomplete(client, term: str, *, app_label="policies", model_name="policymeasure"):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": "tags", "term": term},
    )


@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [
        ("policies", "policymeasure"),
        ("policies", "study"),
        ("presentations", "presentation"),
        ("presentations", "feedback"),
    ],
)
def test_autocomplete_endpoint_returns_themes(admin_client, app_label, model_name):
    gi = ThemeFactory(name="Geographical indications", slug="gi", name_vi="Chỉ dẫn địa lý")
    ThemeFactory(name="Branding", slug="branding")
    response = autocomplete(admin_client, "geo", app_label=app_label, model_name=model_name)
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(gi.pk), "text": "Geographical indications"}]
    by_vietnamese = autocomplete(admin_client, "địa", app_label=app_label, model_name=model_name)
    assert [r["text"] for r in by_vietnamese.json()["results"]] == ["Geographical indications"]


def test_autocomplete_endpoint_is_staff_only(client):
    ThemeFactory(name="Branding")
    assert autocomplete(client, "bra").status_code in (302, 403)


def test_record_form_uses_the_autocomplete_widget(admin_client):
    html = admin_client.get(reverse("admin:policies_policymeasure_add")).content.decode()
    assert 'data-field-name="tags"' in html
    assert "admin-autocomplete" in html
    assert 'data-model-name="policymeasure"' in html


def test_themes_chosen_in_the_admin_are_saved_on_the_record(admin_client):
    gap = ThemeFactory(name="GAP", slug="gap")
    branding = ThemeFactory(name="Branding", slug="branding")
    data = {
        "key": "decision-2019-1",
        "title": "Support for GAP",
        "number": "",
        "kind": "decision",
        "issuer": "Son La PPC",
        "status": "in_force",
        "issued_on": "2019-03-01",
        "effective_from": "",
        "summary": "",
        "body": "",
        "source_url": "",
        "language": "en",
        "tags": [gap.pk, branding.pk],
        "feedback-TOTAL_FORMS": "0",
        "feedback-INITIAL_FORMS": "0",
        "feedback-MIN_NUM_FORMS": "0",
        "feedback-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("admin:policies_policymeasure_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    policy = PolicyMeasure.objects.get(key="decision-2019-1")
    assert sorted(t.name for t in policy.tags.all()) == ["Branding", "GAP"]

    data["tags"] = [gap.pk]
    change = reverse("admin:policies_policymeasure_change", args=[policy.pk])
    assert admin_client.post(change, data).status_code == 302
    assert [t.name for t in policy.tags.all()] == ["GAP"]
    assert Theme.objects.count() == 2  # no theme made up from text
