"""Template helpers of the page frame: meta tags, feeds, language switcher, citing, exports."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from policies.models import PolicyMeasure, Study
from presentations.models import Presentation
from sonla_kb.exports.citations import citation_for, to_bibtex
from sonla_kb.exports.csl import STYLE_NAME, render_reference
from sonla_kb.i18n import interface_language

register = template.Library()

SITE_NAME = _("Son La Coffee Policy Knowledge Base")
SITE_DESCRIPTION = _(
    "The workshop on policies for coffee development in Son La: its presentations, the study, "
    "delegates' feedback and the policy measures since 2017, searchable in English and "
    "Vietnamese."
)
OG_LOCALES = {"en": "en_GB", "vi": "vi_VN"}
DESCRIPTION_LENGTH = 200


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title="", description="", kind="website") -> dict:
    """The page's description, canonical address and OpenGraph tags."""
    request = context.get("request")
    language = interface_language()
    text = " ".join(str(description or "").split()) or str(SITE_DESCRIPTION)
    return {
        "title": title or SITE_NAME,
        "description": Truncator(text).chars(DESCRIPTION_LENGTH),
        "kind": kind,
        "url": request.build_absolute_uri(request.path) if request else "",
        "site_name": SITE_NAME,
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [v for k, v in OG_LOCALES.items() if k != language],
    }


@register.simple_tag
def data_licence():
    """The licence of the data (name and url), for the footer."""
    from sonla_kb.opendata.selectors import data_licence as licence

    return licence()


FEEDS = (
    ("feed-policies", _("New policy measures")),
    ("feed-presentations", _("New presentations")),
    ("feed-feedback", _("New published feedback")),
)


@register.inclusion_tag("includes/feed_links.html")
def feed_links() -> dict:
    """<link rel="alternate"> to each Atom feed."""
    return {"feeds": [{"url": reverse(name), "title": title} for name, title in FEEDS]}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """A form that posts to /i18n/setlang/: one button per language, working without JS."""
    request = context.get("request")
    current = interface_language()
    return {
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path() if request else "/",
        "languages": [
            {"code": code, "name": name, "current": code == current}
            for code, name in settings.LANGUAGES
        ],
    }


_CITE_URLS = {
    PolicyMeasure: ("policy-cite", True),
    Presentation: ("presentation-cite", True),
    Study: ("study-cite", False),
}


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite_block(context, record) -> dict:
    """How to cite the record: the reference in APA, and BibTeX, RIS and CSL-JSON downloads."""
    request = context.get("request")
    url = record.get_absolute_url()
    if request is not None:
        url = request.build_absolute_uri(url)
    citation = citation_for(record, url=url)
    prefix, by_key = _CITE_URLS[type(record)]
    kwargs = {"key": record.key} if by_key else {}
    return {
        "text": render_reference(citation, language=interface_language()),
        "style": STYLE_NAME,
        "bibtex": to_bibtex(citation),
        "bib_url": reverse(f"{prefix}-bib", kwargs=kwargs),
        "ris_url": reverse(f"{prefix}-ris", kwargs=kwargs),
        "csl_url": reverse(f"{prefix}-csl", kwargs=kwargs),
        "record": record,
        # The reference is written in the record's language (its title, the issuer as given).
        "language": citation.language,
    }


@register.inclusion_tag("includes/citation_meta.html", takes_context=True)
def citation_meta(context, record) -> dict:
    """The <meta name="citation_…"> tags that Zotero and Google Scholar read."""
    request = context.get("request")
    absolute = request.build_absolute_uri if request is not None else (lambda url: url)
    citation = citation_for(record, url=absolute(record.get_absolute_url()))
    return {"tags": citation_tags(citation, record=record, absolute=absolute)}


def citation_tags(citation, *, record, absolute) -> list[tuple[str, str]]:
    """(name, content) pairs of the Highwire Press tags for one record."""
    tags = [("citation_title", citation.title)]
    tags += [("citation_author", name) for name in citation.authors]
    when = citation.date.replace("-", "/") if citation.date else str(citation.year or "")
    if when:
        tags += [("citation_publication_date", when), ("citation_date", when)]
    if citation.publisher:
        tags.append(("citation_publisher", citation.publisher))
    if citation.event:
        tags.append(("citation_conference_title", citation.event))
    if citation.number:
        tags.append(("citation_technical_report_number", citation.number))
    tags.append(("citation_language", citation.language))
    tags.append(("citation_abstract_html_url", citation.url))
    themes = [theme.name for theme in record.tags.all()]
    if themes:
        tags.append(("citation_keywords", "; ".join(themes)))
    attachments = record.attachments.all() if hasattr(record, "attachments") else ()
    for attachment in attachments:
        if attachment.kind == "pdf":
            tags.append(("citation_pdf_url", absolute(attachment.get_absolute_url())))
    return tags


@register.inclusion_tag("includes/export_links.html", takes_context=True)
def export_links(context, url_name: str, note: str = "") -> dict:
    """Links that download the list as CSV and JSON, with the current filters (every page)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    suffix = ""
    if query is not None:
        for name in ("page", "per_page"):
            query.pop(name, None)
        encoded = query.urlencode()
        suffix = f"?{encoded}" if encoded else ""
    return {
        "csv_url": reverse(url_name, kwargs={"fmt": "csv"}) + suffix,
        "json_url": reverse(url_name, kwargs={"fmt": "json"}) + suffix,
        "note": note,
    }
