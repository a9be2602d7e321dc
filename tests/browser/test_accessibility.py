"""axe-core, run inside the page: no serious or critical violation on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "home": "/",
    "policy list": "/policies/",
    "policy page": "/policies/branding-plan/",
    "search results": "/search/?q=branding",
    "presentation page": "/presentations/p01/",
}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violation(page, site, axe, name, language):
    page.set_extra_http_headers({"Accept-Language": language})
    response = page.goto(PAGES[name])
    assert response.status == 200
    results = axe.run(page)
    violations = results.response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    print(f"axe on {name} ({language}): {len(violations)} violation(s), {len(blocking)} blocking")
    if violations:
        print(describe(violations))
    assert blocking == [], describe(blocking)


def test_home_page_at_phone_width(page, site, tmp_path):
    """The layout fits a phone: nothing wider than the screen but the scrollable timeline."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=str(tmp_path / "home-phone.png"), full_page=True)
