"""Each record's page lists up to five records most alike by their text."""

import pytest

from sonla_kb.search import related_records
from tests.factories import FeedbackFactory, PolicyFactory

pytestmark = pytest.mark.django_db


def test_most_alike_records_first_and_never_itself(live):
    def make():
        base = PolicyFactory(
            key="base", title="Planting area codes", body="Planting area codes for export coffee."
        )
        PolicyFactory(key="alike", title="Area codes", body="Planting area codes help exports.")
        PolicyFactory(key="other", title="Credit", body="Loans for machinery and drying yards.")
        for i in range(7):
            PolicyFactory(key=f"more-{i}", body="Area codes and planting registers.")
        FeedbackFactory(key="hidden", text="Planting area codes area codes", published=False)
        return base

    base = live(make)
    related = related_records(base)
    urls = [r["url"] for r in related]
    assert len(related) == 5
    assert urls[0] == "/policies/alike/"
    assert "/policies/base/" not in urls
    assert not any("hidden" in u for u in urls)


def test_no_index_gives_no_related_records(db, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "none"
    assert related_records(PolicyFactory()) == []


def test_record_pages_list_related_records(live, client):
    def make():
        PolicyFactory(key="a", title="Branding support", body="Brand management for coffee.")
        PolicyFactory(key="b", title="Brand registry", body="Brand management and logos.")

    live(make)
    html = client.get("/policies/a/").content.decode()
    assert "Related records" in html
    assert 'href="/policies/b/"' in html


def test_the_records_own_feedback_is_not_repeated_as_related(live):
    def make():
        base = PolicyFactory(key="base", title="Planting area codes", body="Planting area codes.")
        PolicyFactory(key="alike", title="Area codes", body="Planting area codes help exports.")
        FeedbackFactory(key="fb-own", policy=base, text="Planting area codes for every farm.")
        return base

    base = live(make)
    urls = [r["url"] for r in related_records(base)]
    assert "/policies/alike/" in urls
    assert not any(u.startswith("/policies/base/") for u in urls)


def test_related_records_cross_languages_through_the_glossary_and_translations(live):
    from tests.factories import TermFactory

    def make():
        TermFactory(key="pac", english="planting area code", vietnamese="mã số vùng trồng")
        base = PolicyFactory(key="base", title="Planting area codes", body="Registers for farms.")
        PolicyFactory(
            key="vi-glossary", language="vi", title="Cấp mã số vùng trồng", summary="", body=""
        )
        PolicyFactory(
            key="vi-translated",
            language="vi",
            title="Sổ đăng ký nông trại",
            summary="",
            body="",
            title_translated="Registers for farms",
        )
        PolicyFactory(key="vi-other", language="vi", title="Tín dụng", summary="", body="")
        return base

    base = live(make)
    urls = [r["url"] for r in related_records(base)]
    assert "/policies/vi-glossary/" in urls and "/policies/vi-translated/" in urls
    assert "/policies/vi-other/" not in urls
