"""Every change a page shows is on that page at the very next request, however it was made.

Each test first has the page stored (a second visit costs no query), then changes the
content the way staff or a command would, then asks again.
"""

import pytest
from django.test import Client
from django.urls import reverse

from policies.models import PolicyMeasure
from sonla_kb import search
from sonla_kb.attachments import services
from sonla_kb.interchange.importer import import_data
from sonla_kb.search.backends.whoosh import searcher
from tests.attachments.conftest import deck, report_pdf  # noqa: F401 - fixtures
from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, ThemeFactory
from tests.production.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db(transaction=True)


def page(url: str, **headers: str) -> str:
    """The page as a new anonymous visitor gets it."""
    response = Client(headers=headers).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def stored(django_assert_num_queries):
    """Visit a page until it is served from the cache; return its HTML."""

    def visit(url: str, **headers: str) -> str:
        page(url, **headers)
        with django_assert_num_queries(0):
            return page(url, **headers)

    return visit


def test_an_admin_edit(stored, admin_client):
    policy = PolicyFactory(key="gap", title="GAP support")
    assert "GAP support" in stored("/policies/gap/") and "GAP support" in stored("/policies/")
    url = reverse("admin:policies_policymeasure_change", args=[policy.pk])
    data = admin_form_data(admin_client.get(url), title="GAP support, extended to 2030")
    assert admin_client.post(url, data).status_code == 302
    assert "GAP support, extended to 2030" in page("/policies/gap/")
    assert "GAP support, extended to 2030" in page("/policies/")


def test_an_import(stored):
    PolicyFactory(key="gap", title="GAP support")
    assert "GAP support" in stored("/policies/")
    record = PolicyMeasure.objects.values(
        "key", "kind", "issuer", "issued_on", "status", "summary", "body"
    ).get()
    record["issued_on"] = record["issued_on"].isoformat()
    import_data(data={"format": "sonla-kb/1", "policies": [{**record, "title": "GAP, renewed"}]})
    assert "GAP, renewed" in page("/policies/")


def test_a_publication_and_a_withdrawal(stored):
    feedback = FeedbackFactory(text="Drying yards for every cooperative.", published=False)
    assert "Drying yards" not in stored("/feedback/")
    feedback.published = True
    feedback.save()
    assert "Drying yards" in page("/feedback/")
    feedback.published = False
    feedback.save()
    assert "Drying yards" not in page("/feedback/")


def test_a_theme_renamed_and_a_record_themed(stored):
    theme = ThemeFactory(name="Branding", name_vi="Thương hiệu", slug="branding")
    PolicyFactory(key="label", title="Labels", tags=["Branding"])  # a theme is public when carried
    policy = PolicyFactory(key="brand", title="Brand support")
    assert "Branding" in stored("/themes/")
    assert "Thương hiệu" in stored("/themes/", **{"accept-language": "vi"})
    assert "Brand support" not in stored("/themes/branding/")
    theme.name_vi = "Xây dựng thương hiệu"
    theme.save()
    assert "Xây dựng thương hiệu" in page("/themes/", **{"accept-language": "vi"})
    policy.tags.add(theme)
    assert "Brand support" in page("/themes/branding/")


def test_a_deletion(stored):
    PolicyFactory(key="gap", title="GAP support")
    assert "GAP support" in stored("/policies/")
    PolicyMeasure.objects.get(key="gap").delete()
    assert "GAP support" not in page("/policies/")
    assert Client().get("/policies/gap/").status_code == 404


def test_an_attached_file_whose_text_changes(stored, deck, report_pdf):  # noqa: F811
    presentation = PresentationFactory(key="p05")
    attachment = services.attach_file(record=presentation, name="deck.pptx", data=deck)
    url = reverse("presentation-detail", kwargs={"key": "p05"})
    assert "8 slides" in stored(url)
    services.replace_file(attachment=attachment, name="report.pdf", data=report_pdf)
    html = page(url)
    assert "2 pages" in html and "8 slides" not in html


def test_the_search_index_catching_up_without_a_change_in_the_database(stored):
    # Stored while there is no index: no related records. A rebuild changes no row.
    PolicyFactory(key="a", title="Coffee replanting support", body="Replanting coffee trees.")
    PolicyFactory(key="b", title="Coffee replanting loans", body="Loans for replanting coffee.")
    assert "Coffee replanting loans" not in stored("/policies/a/")
    searcher.forget()
    search.rebuild()
    assert "Coffee replanting loans" in page("/policies/a/")
