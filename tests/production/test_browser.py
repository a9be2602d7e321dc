"""In Chromium, with the Content-Security-Policy enforced: no page or admin screen is refused.

Skipped where Chromium (Debian's /usr/bin/chromium) or Playwright is missing.
"""

import shutil

import pytest

from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, ThemeFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api")

# Runs before any page script: records every refusal the policy makes.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def site(index):
    """A few records, one with two versions; created before the browser's event loop starts."""
    ThemeFactory(name="GAP", slug="gap")
    policy = PolicyFactory(key="gi", title="Geographical indications", tags=["GAP"])
    presentation = PresentationFactory(key="p01", title="Coffee branding", tags=["GAP"])
    FeedbackFactory(presentation=presentation, text="Coffee feedback")
    policy.title = "Geographical indications for coffee"
    policy.save()
    return {
        "policy": policy.pk,
        "version": policy.history.last().history_id,
        "presentation": presentation.pk,
    }


@pytest.fixture
def browser_page():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.add_init_script(LISTEN)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
        page.on(
            "console",
            lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        yield page, errors
        browser.close()


def test_site_and_admin_under_the_policy(live_server, admin_user, site, browser_page):
    page, errors = browser_page
    username = admin_user.username
    base = live_server.url

    def visit(path: str) -> None:
        response = page.goto(base + path)
        assert response.status < 400, path
        page.wait_for_load_state("load")
        errors.extend(f"{path}: {v}" for v in page.evaluate("window.__violations"))

    for path in ("/", "/policies/", "/policies/gi/", "/presentations/p01/", "/search/?q=coffee"):
        visit(path)
    page.fill("#site-search-q", "geo")  # the search box asks /api/suggest/ as one types
    page.wait_for_selector("#site-search-q-suggestions li", timeout=5000)

    visit("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    for path in (
        "/admin/",
        "/admin/policies/policymeasure/",
        "/admin/policies/policymeasure/{policy}/change/".format(**site),
        "/admin/policies/policymeasure/{policy}/history/".format(**site),
        "/admin/policies/policymeasure/{policy}/history/{version}/".format(**site),
        "/admin/policies/policymeasure/deleted/",
        "/admin/presentations/presentation/{presentation}/change/".format(**site),
        "/admin/presentations/feedback/add/",
        "/admin/presentations/feedback/moderation/",
        "/admin/policies/policymeasure/import/",
        "/admin/policies/indicator/export/",
    ):
        visit(path)
        if path.endswith("/change/"):
            page.click(".select2-selection")  # the themes box: select2 and its autocomplete
            page.keyboard.type("GA")
            page.wait_for_selector(".select2-results__option", timeout=5000)
            errors.extend(f"{path}: {v}" for v in page.evaluate("window.__violations"))
    assert errors == []
