"""Every change to a record is kept, viewable and revertible in the admin; deletions undone."""

import pytest
from django.urls import reverse

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb import history
from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    WorkshopFactory,
)

from .admin_forms import admin_form_data
from .conftest import find, keys

pytestmark = pytest.mark.django_db

FACTORIES = {
    PolicyMeasure: PolicyFactory,
    Study: StudyFactory,
    Indicator: IndicatorFactory,
    Workshop: WorkshopFactory,
    Presentation: PresentationFactory,
    Feedback: FeedbackFactory,
}


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_every_save_and_deletion_is_kept(model):
    record = FACTORIES[model]()
    field = "name" if model is Indicator else "title" if hasattr(record, "title") else "text"
    setattr(record, field, "Changed once")
    record.save()
    pk = record.pk
    record.delete()
    versions = model.history.filter(id=pk).order_by("history_date", "history_id")
    assert [v.history_type for v in versions] == ["+", "~", "-"]
    assert getattr(versions[1], field) == "Changed once"


def test_versions_keep_the_themes_of_their_time(live):
    policy = live(PolicyFactory, key="gap-plan", title="GAP plan", tags=["GAP"])

    def retheme():
        policy.title = "GAP and export plan"
        policy.save()
        policy.tags.set(["GAP", "Export"])

    live(retheme)
    live(policy.tags.remove, "GAP")  # themes changed on their own are a version too
    versions = list(policy.history.order_by("history_date", "history_id"))
    assert [(v.title, v.themes) for v in versions] == [
        ("GAP plan", ["GAP"]),
        ("GAP and export plan", ["Export", "GAP"]),
        ("GAP and export plan", ["Export"]),
    ]


def test_admin_shows_the_history_and_reverts_to_an_old_version(admin_client, live):
    policy = live(PolicyFactory, key="gi", title="Geographical indications", tags=["GAP"])
    first = policy.history.get()

    def edit():
        policy.title = "Renamed measure"
        policy.save()
        policy.tags.set(["Export"])

    live(edit)
    history_url = reverse("admin:policies_policymeasure_history", args=[policy.pk])
    page = admin_client.get(history_url)
    assert page.status_code == 200
    assert "Renamed measure" in page.content.decode()

    version_url = reverse(
        "admin:policies_policymeasure_simple_history", args=[policy.pk, first.history_id]
    )
    form_page = admin_client.get(version_url)
    assert form_page.status_code == 200
    data = admin_form_data(form_page)
    assert data["title"] == "Geographical indications"
    response = live(admin_client.post, version_url, data)
    assert response.status_code == 302

    policy.refresh_from_db()
    assert policy.title == "Geographical indications"
    assert list(policy.tags.names()) == ["GAP"]
    assert keys(find("geographical")) == ["gi"]
    assert find("renamed")["total"] == 0
    assert policy.history.first().history_user.username == "admin"


def test_a_deleted_record_is_listed_and_restored_from_the_admin(admin_client, live):
    policy = live(PolicyFactory, key="replanting", title="Replanting plan", tags=["Processing"])
    pk = policy.pk
    live(policy.delete)
    assert find("replanting")["total"] == 0

    listing = admin_client.get(reverse("admin:policies_policymeasure_deleted"))
    assert listing.status_code == 200
    (row,) = listing.context["rows"]
    assert row["record"].key == "replanting"
    assert (
        "Deleted records"
        in admin_client.get(reverse("admin:policies_policymeasure_changelist")).content.decode()
    )

    form_page = admin_client.get(row["restore_url"])
    assert form_page.status_code == 200
    data = admin_form_data(form_page)
    assert data["tags"]  # the themes it had, chosen again in the form
    response = live(admin_client.post, row["restore_url"], data)
    assert response.status_code == 302

    restored = PolicyMeasure.objects.get(key="replanting")
    assert restored.pk == pk
    assert list(restored.tags.names()) == ["Processing"]
    assert keys(find("replanting")) == ["replanting"]
    assert admin_client.get(reverse("admin:policies_policymeasure_deleted")).context["rows"] == []


def test_restore_in_code_brings_back_fields_themes_and_search(live):
    feedback = live(
        FeedbackFactory, key="fb-kept", text="Cooperatives need credit", tags=["Investment"]
    )
    live(feedback.delete)
    deletion = Feedback.history.get(history_type="-")
    assert deletion.themes == ["Investment"]

    restored = live(history.restore, deletion)
    assert Feedback.objects.get(pk=restored.pk).text == "Cooperatives need credit"
    assert list(restored.tags.names()) == ["Investment"]
    assert keys(find("cooperatives")) == ["fb-kept"]


def test_staff_without_add_permission_cannot_open_deleted_records(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:policies_policymeasure_deleted")).status_code == 403
