"""A figure's or a record's source as the page shows it: a link, a label and, if known, a date."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from sonla_kb.bilingual import localized

# "Báo Sơn La (English edition): “Workshop seeks …”" -> the part before ": “" names the
# publisher, short enough for a figure card; the whole label is kept for the source list.
_TITLE_OPENER = ": “"


@dataclass(frozen=True, slots=True)
class Source:
    """One source: what it is called, where it is, when it was published (None: not known)."""

    label: str
    lang: str
    url: str
    date: datetime.date | None

    @property
    def publisher(self) -> str:
        """The label's publisher part, or the link's host when the label is empty."""
        if self.label:
            return self.label.split(_TITLE_OPENER, 1)[0]
        return host(self.url)


def host(url: str) -> str:
    """The host a link points to, without "www." ("en.baosonla.org.vn")."""
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


def indicator_source(indicator, *, language: str) -> Source | None:
    """The indicator's source in the reader's language; None when it names none."""
    label = localized(indicator, "source", language=language)
    if not label.text and not indicator.source_url:
        return None
    return Source(
        label=label.text, lang=label.lang, url=indicator.source_url, date=indicator.source_date
    )


def indicator_sources(indicators, *, language: str) -> list[Source]:
    """The sources the indicators cite, each once (by link and label), in first-seen order."""
    seen: dict[tuple[str, str], Source] = {}
    for indicator in indicators:
        source = indicator_source(indicator, language=language)
        if source is not None:
            seen.setdefault((source.url, source.label), source)
    return list(seen.values())


def policy_source(policy) -> Source | None:
    """A policy's source page; None when it has no link."""
    if not policy.source_url:
        return None
    return Source(
        label=host(policy.source_url), lang="", url=policy.source_url, date=policy.source_date
    )
