"""A theme is public only when a public record carries it: never through unpublished feedback."""

import pytest

from sonla_kb.selectors import public_themes, themes_with_counts
from tests.factories import FeedbackFactory, PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# Where the public could see a theme, and how its slug or name would show there.
PLACES = {
    "/themes/": "Staff notes",
    "/": "Staff notes",
    "/sitemap.xml": "/themes/staff-notes/",
    "/policies/": 'value="staff-notes"',
    "/feedback/": 'value="staff-notes"',
    "/api/suggest/?q=staff": "Staff notes",
}


@pytest.fixture
def hidden(index):
    """A theme that only an unpublished feedback item carries, beside a public one."""
    ThemeFactory(name="GAP", slug="gap")
    ThemeFactory(name="Staff notes", slug="staff-notes", name_vi="Ghi chú nội bộ")
    PolicyFactory(key="gi", tags=["GAP"])
    return FeedbackFactory(key="fb-draft", published=False, tags=["Staff notes"])


def test_a_theme_of_unpublished_feedback_only_is_nowhere_public(client, hidden):
    assert [t.slug for t in public_themes()] == ["gap"]
    for url, shown in PLACES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert shown not in response.content.decode(), url
    assert client.get("/themes/staff-notes/").status_code == 404
    assert client.get("/api/suggest/?q=ghi chu").json()["suggestions"] == []
    # Asked for by hand, the filter says there is no such theme, as for any unknown one.
    assert client.get("/policies/?theme=staff-notes").status_code == 400


def test_publishing_the_feedback_makes_the_theme_public(client, hidden):
    hidden.published = True
    hidden.save()
    for url, shown in PLACES.items():
        assert shown in client.get(url).content.decode(), url
    assert client.get("/themes/staff-notes/").status_code == 200
    counts = {t.slug: t.record_count for t in themes_with_counts()}
    assert counts == {"gap": 1, "staff-notes": 1}


def test_a_theme_nothing_carries_is_not_listed(client, index):
    ThemeFactory(name="Unused", slug="unused")
    assert "Unused" not in client.get("/themes/").content.decode()
    assert client.get("/themes/unused/").status_code == 404
