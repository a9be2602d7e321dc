"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

No browser is downloaded: the tests use the Chromium that `apt-get install chromium` puts at
/usr/bin/chromium (or CHROMIUM_PATH), and are skipped, with the reason, where it is missing.
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.db import transaction

from sonla_kb import search
from sonla_kb.search.backends.whoosh import searcher
from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Mark every test here `browser`, and skip them all where Chromium is not installed."""
    here = Path(__file__).parent
    skip = None
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(
            reason=f"Chromium not found at {CHROMIUM}: `apt-get install chromium` "
            "(or set CHROMIUM_PATH) to run the browser tests"
        )
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for all the browser tests, closed when they are done.

    Package scope, not session: Playwright's sync API keeps an event loop running in this
    thread while the browser is open, and Django refuses ORM calls beside a running loop.
    While it runs, DJANGO_ALLOW_ASYNC_UNSAFE lets these tests set up their records (the ORM
    is still used from one thread at a time); it is put back when the browser closes, so the
    tests that run after these keep Django's check. The test database is set up first.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A fresh browser context and page, in English, whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(transactional_db, settings):
    """A small knowledge base, committed (the live server sees it) and indexed.

    One commit for all of it: the rebuild below indexes it whole, so the index updates and
    page-cache generations that a commit per record would start are left out.
    """
    with transaction.atomic():
        WorkshopFactory(title="Workshop on policies for coffee development in Son La")
        ThemeFactory(name="Branding", slug="branding", name_vi="Thương hiệu")
        ThemeFactory(name="GAP", slug="gap", name_vi="Thực hành nông nghiệp tốt (GAP)")
        for key, name, value, unit in [
            ("coffee-area-2024", "Coffee area", "23312", "ha"),
            ("green-coffee-production-2024", "Green coffee bean production", "30000", "tonnes"),
            ("coffee-export-volume", "Green coffee bean exports", "31700", "tonnes per year"),
            ("coffee-export-value", "Coffee export value", "88.77", "million USD"),
            ("arabica-share-of-national-area-2024", "Share of Arabica area", "47.9", "%"),
            ("share-of-northern-coffee-area-2024", "Share of northern area", "73", "%"),
        ]:
            IndicatorFactory(key=key, name=name, value=value, unit=unit)
        policy = PolicyFactory(
            key="branding-plan",
            title="Plan for branding Son La coffee",
            kind="plan",
            issued_on=dt.date(2019, 5, 2),
            summary="Builds the Son La coffee brand.",
            tags=["Branding"],
            sample=True,
        )
        PolicyFactory(
            key="gap-decision",
            title="Decision on GAP support for coffee growers",
            issued_on=dt.date(2021, 3, 4),
            tags=["GAP"],
        )
        PresentationFactory(
            key="p01",
            order=1,
            title="Branding coffee from Son La",
            summary="How a brand is built.",
            tags=["Branding"],
        )
        StudyFactory(key="study", tags=["GAP", "Branding"])
        FeedbackFactory(key="fb-001", text="Branding needs a shared logo.", policy=policy)
    searcher.forget()
    search.rebuild()
    yield
    searcher.forget()
