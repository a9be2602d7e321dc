"""Positions and sizes at a phone's width (390 px) and a laptop's (1280 px), in both languages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.factories import IndicatorFactory

WIDTHS = [390, 1280]
LOCALES = {"en": "en-GB", "vi": "vi-VN"}
PAGES = ["/", "/policies/", "/search/?q=branding", "/search/", "/policies/branding-plan/"]


@pytest.fixture(params=[(w, lang) for w in WIDTHS for lang in LOCALES], ids=str)
def sized_page(request, browser, live_server, transactional_db):
    """A page at the given width, in the given language (by the browser's Accept-Language)."""
    width, language = request.param
    context = browser.new_context(
        base_url=live_server.url,
        locale=LOCALES[language],
        viewport={"width": width, "height": 844 if width < 500 else 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.layout = {"width": width, "language": language}
    yield page
    context.close()


def box(page, selector: str) -> dict:
    """The first matching element's box on the page."""
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not displayed"
    return found


def test_header_is_at_most_140_px_and_nothing_overflows(sized_page, site):
    page = sized_page
    for address in PAGES:
        page.goto(address)
        expect(page.locator("html")).to_have_attribute("lang", page.layout["language"])
        header = box(page, ".site-header")
        if page.layout["width"] < 500:
            assert header["height"] <= 140, (address, header)
            # The header's search box is not squeezed beside the languages: a full row.
            field = box(page, "#site-search-q")
            assert field["width"] >= 0.6 * page.layout["width"], (address, field)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (address, overflow)


def test_first_result_comes_before_the_filters_on_a_phone(sized_page, site):
    page = sized_page
    page.goto("/search/?q=branding")
    first = box(page, ".result")
    refine = box(page, ".facets")
    if page.layout["width"] < 500:
        assert first["y"] + first["height"] <= refine["y"]
        # The whole first result is on the first screen (844 px), under the search form.
        assert first["y"] + first["height"] <= page.viewport_size["height"], first
        # The filters are folded: opening "Refine" shows them, with no script.
        facet_links = page.locator(".facets ul a")
        expect(facet_links.first).to_be_hidden()
        page.locator(".facets summary").click()
        expect(facet_links.first).to_be_visible()
    else:
        # Beside the results, open, on a wide screen.
        assert refine["x"] + refine["width"] <= first["x"]
        expect(page.locator(".facets ul a").first).to_be_visible()


def test_search_controls_sort_and_limit_by_language_without_script(sized_page, site):
    page = sized_page
    page.goto("/search/?q=branding&type=policy")
    page.locator("#search-sort").select_option("oldest")
    page.locator("#search-lang").select_option("en")
    page.locator(".search-controls button").click()
    page.wait_for_url(lambda url: "sort=oldest" in url and "lang=en" in url)
    assert "type=policy" in page.url
    expect(page.locator("#search-sort")).to_have_value("oldest")
    expect(page.locator(".result").first).to_be_visible()


def test_policy_list_shows_date_status_and_issuer_without_sideways_scroll(sized_page, site):
    page = sized_page
    page.goto("/policies/")
    row = page.locator(".policy-table tbody tr").first
    for cell in ["time", ".status", "td[data-label]:nth-of-type(3)"]:
        found = row.locator(cell).first.bounding_box()
        assert found is not None, cell
        assert found["x"] + found["width"] <= page.layout["width"], cell
    date = row.locator("time").first.bounding_box()
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.policy-table time')).lineHeight)"
    )
    assert date["height"] <= line * 1.5  # one line: dates do not wrap


def test_timeline_labels_are_at_least_12_px(sized_page, site):
    page = sized_page
    page.goto("/")
    sizes = page.evaluate(
        """() => {
          const svg = document.querySelector('.chart--wide svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(
            t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale);
        }"""
    )
    assert sizes and min(sizes) >= 12, sorted(sizes)[:5]


def test_figure_cards_fit_their_figures(sized_page, site):
    IndicatorFactory(
        key="workshop-presentations", name="Presentations", value="13", unit="presentations"
    )
    page = sized_page
    page.goto("/")
    expect(page.locator(".figures")).to_contain_text("13")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.figure')].filter(
          card => card.scrollWidth > card.clientWidth + 1).map(card => card.textContent.trim())"""
    )
    assert overflowing == []


def test_figure_cards_fit_at_1024_px(browser, live_server, site):
    IndicatorFactory(
        key="workshop-presentations", name="Presentations", value="13", unit="presentations"
    )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto("/")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.figure')].filter(
          card => card.scrollWidth > card.clientWidth + 1).length"""
    )
    context.close()
    assert overflowing == 0
