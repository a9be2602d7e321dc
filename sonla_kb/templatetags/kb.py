"""Template helpers of the public pages: paragraphs of plain text, figures, the site menu."""

import re
from urllib.parse import quote

from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sonla_kb.figures import format_indicator
from sonla_kb.i18n import interface_language
from sonla_kb.provenance.sources import Source, indicator_source, policy_source
from sonla_kb.provenance.sources import host as source_host

register = template.Library()

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")

# (URL name of the section's page, its label, the URL names that belong to the section)
NAVIGATION = (
    ("home", _("Home"), ("home",)),
    ("policy-list", _("Policies"), ("policy-list", "policy-detail")),
    ("presentation-list", _("Presentations"), ("presentation-list", "presentation-detail")),
    ("study", _("Study"), ("study",)),
    ("feedback-list", _("Feedback"), ("feedback-list",)),
    ("theme-list", _("Themes"), ("theme-list", "theme-detail")),
    ("search", _("Search"), ("search",)),
)


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines, dropping empty ones."""
    normalised = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalised:
        return []
    return [part.strip() for part in _BLANK_LINE.split(normalised) if part.strip()]


@register.filter(is_safe=True)
def paragraphs(text: str) -> SafeString:
    """Plain text as escaped <p> paragraphs (blank line = new paragraph, newline = <br>)."""
    return format_html_join(
        "\n",
        "<p>{}</p>",
        (
            (SafeString("<br>".join(conditional_escape(line) for line in part.split("\n"))),)
            for part in split_paragraphs(str(text or ""))
        ),
    )


@register.filter
def figure(indicator) -> str:
    """An indicator's value with its unit, e.g. "23,312 ha" or "USD 88.77 million"."""
    return format_indicator(indicator.value, indicator.unit)


@register.filter
def source_of(record) -> Source | None:
    """The source of an indicator or a policy, in the reader's language; None if it names none."""
    if hasattr(record, "issued_on"):
        return policy_source(record)
    return indicator_source(record, language=interface_language())


@register.filter
def host(url: str) -> str:
    """The host a link points to ("en.baosonla.org.vn")."""
    return source_host(url or "")


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context) -> dict:
    """The main menu, marking the page (aria-current="page") or section ("true") the user is in."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    items = []
    for url_name, label, members in NAVIGATION:
        if current == url_name:
            state = "page"
        elif current in members:
            state = "true"
        else:
            state = ""
        items.append({"url_name": url_name, "label": label, "current": state})
    return {"items": items}


@register.filter
def with_hl(url: str, query: str) -> str:
    """The url with ?hl=<query> before its #fragment, so the page both jumps and marks."""
    if not query:
        return url
    base, hash_sign, fragment = url.partition("#")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}hl={quote(query)}{hash_sign}{fragment}"
