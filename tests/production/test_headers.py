"""Security headers on every page, and a Content-Security-Policy that every page satisfies.

The policy allows scripts and styles from the site itself only, so no page (the admin
included) may carry an inline script, a style element or attribute, an event handler
attribute or a javascript: URL. tests/production/test_browser.py checks the same in
Chromium, where the policy is enforced.
"""

import contextlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict Content-Security-Policy would block."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script_without_src = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self._script_without_src = attrs.get("type") not in DATA_SCRIPT_TYPES
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs.items():
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            elif name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}>")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: URL on <{tag}>")

    def handle_data(self, data):
        if self._script_without_src and data.strip():
            self.found.append(f"inline script: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_without_src = False


def inline_code(html: str) -> list[str]:
    """What in this page a strict CSP would refuse."""
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def csp_of(response) -> dict[str, set[str]]:
    """The Content-Security-Policy header as {directive: sources}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = set(sources)
    return policy


@pytest.fixture
def site():
    ThemeFactory(name="GAP", slug="gap")
    WorkshopFactory()
    StudyFactory(key="study", tags=["GAP"])
    presentation = PresentationFactory(key="p01", tags=["GAP"])
    PolicyFactory(key="gi", tags=["GAP"])
    FeedbackFactory(presentation=presentation, tags=["GAP"])
    IndicatorFactory()


PUBLIC = [
    "/",
    "/policies/",
    "/policies/gi/",
    "/presentations/",
    "/presentations/p01/",
    "/study/",
    "/feedback/",
    "/themes/",
    "/themes/gap/",
    "/search/?q=coffee",
    "/search/?year=nineteen",  # a 400 page
    "/no-such-page/",  # the 404 page
    "/admin/login/",
]


def admin_pages() -> list[str]:
    """Every admin page of every registered model: list, add, change, history, deleted."""
    urls = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{info}_changelist"), reverse(f"{info}_add")]
        obj = model._default_manager.first()
        if obj is not None:
            urls += [
                reverse(f"{info}_change", args=[obj.pk]),
                reverse(f"{info}_history", args=[obj.pk]),
            ]
            version = getattr(obj, "history", None) and obj.history.first()
            if version is not None:
                urls.append(reverse(f"{info}_simple_history", args=[obj.pk, version.history_id]))
        for page in ("deleted", "import", "export", "moderation"):
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(f"{info}_{page}"))
    return urls


def assert_secure(response, url):
    assert response.status_code in (200, 400, 403, 404), url
    assert csp_of(response).items() >= EXPECTED_CSP.items(), url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url
    assert response["X-Request-ID"], url
    assert inline_code(response.content.decode()) == [], url


def test_public_pages(client, site):
    for url in PUBLIC:
        assert_secure(client.get(url), url)


def test_admin_pages(admin_client, site):
    pages = admin_pages()
    assert len(pages) > 30
    for url in pages:
        assert_secure(admin_client.get(url), url)


def test_the_checker_finds_what_csp_blocks():
    html = (
        '<script>alert(1)</script><script src="/s.js"></script>'
        '<script type="application/json">{"a": 1}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:go()">x</a></p>'
    )
    assert len(inline_code(html)) == 5
