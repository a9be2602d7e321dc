"""How to cite a record: BibTeX and RIS (CSL-JSON and the APA reference are in csl.py).

One `Citation` is made from a policy measure, a presentation or the study; the writers
only read it, so they agree with each other and with the page.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop, override

from policies.models import PolicyKind, PolicyMeasure, Study
from presentations.models import Presentation
from presentations.selectors import current_workshop

SITE_TITLE = "Son La Coffee Policy Knowledge Base"
SAMPLE_NOTE = gettext_noop("Sample record: written for demonstration, not an official document")
# What BibTeX and RIS say when no source gives a date (the workshop's, so its presentations').
DATE_NOT_KNOWN = gettext_noop("Date not known.")
# The genres the reference on the page shows in the interface language (policy kinds are
# model choices).
GENRES = (gettext_noop("Presentation"), gettext_noop("Report"))


@dataclass(frozen=True)
class Citation:
    """What a reference to one record says."""

    kind: str  # "policy", "presentation", "study"
    key: str
    title: str
    url: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    date: str = ""  # ISO date, when the record has one
    number: str = ""
    publisher: str = ""
    event: str = ""
    place: str = ""
    genre: str = ""  # "Plan", "Presentation", "Report" ...
    language: str = "en"
    sample: bool = False
    # The record's title in the other language, written by staff: a translation, so a
    # reference shows it in square brackets after the original (as APA does).
    title_translated: str = ""
    translation_language: str = ""


def _translation(record) -> dict[str, str]:
    """The translated title and its language, for a Citation."""
    text = getattr(record, "title_translated", "")
    return {
        "title_translated": text,
        "translation_language": record.translation_language if text else "",
    }


def citation_for(record, *, url: str) -> Citation:
    """The citation of a policy measure, a presentation or the study, found at `url`."""
    if isinstance(record, PolicyMeasure):
        # A Vietnamese document is cited under its issuer's Vietnamese name, where known.
        issuer = (record.language == "vi" and record.issuer_vi) or record.issuer
        return Citation(
            kind="policy",
            key=record.key,
            title=record.title,
            url=url,
            authors=[issuer] if issuer else [],
            year=record.issued_on.year if record.issued_on else None,
            date=record.issued_on.isoformat() if record.issued_on else "",
            number=record.number,
            publisher=issuer,
            genre=_kind_label(record.kind),
            language=record.language,
            sample=record.sample,
            **_translation(record),
        )
    if isinstance(record, Presentation):
        workshop = current_workshop()
        date = workshop.date if workshop and workshop.date else None
        return Citation(
            kind="presentation",
            key=record.key,
            title=record.title,
            url=url,
            authors=[record.speaker] if record.speaker else [],
            year=date.year if date else None,
            date=date.isoformat() if date else "",
            publisher=record.organisation,
            event=workshop.title if workshop else "",
            place=workshop.venue if workshop else "",
            genre="Presentation",
            language=record.language,
            sample=record.sample,
            **_translation(record),
        )
    if isinstance(record, Study):
        return Citation(
            kind="study",
            key=record.key,
            title=record.title,
            url=url,
            authors=[a.strip() for a in record.authors.split(";") if a.strip()],
            year=record.year,
            genre="Report",
            language=record.language,
            sample=record.sample,
            **_translation(record),
        )
    raise TypeError(f"cannot cite {type(record).__name__}")


def _kind_label(kind: str) -> str:
    """The kind's English label ("Plan"): BibTeX and RIS are written the same in any interface."""
    with override("en"):
        try:
            return str(PolicyKind(kind).label)
        except ValueError:
            return kind.replace("_", " ").capitalize()


# BibTeX
#
# BibTeX counts every brace, escaped or not, so `\}` alone ends a field early and the
# rest of the entry is lost. Braces that pair up in the text are written `\{`…`\}`
# (they balance); a brace without its partner is written as the LaTeX text command
# `\textbraceleft{}` or `\textbraceright{}`, which holds no brace of its own that could
# unbalance the field. The other characters LaTeX gives a meaning to are escaped, and
# `{}` is put between the pairs of characters that LaTeX would join into one (-- ``
# '' ?` !` ,, << >>). Other Unicode (Vietnamese) is written as it is: UTF-8, as biber
# and pybtex read it. tests/exports/test_citations.py reads the entries back with pybtex
# and bibtexparser.

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LIGATURE_PAIRS = {
    ("-", "-"),
    ("`", "`"),
    ("'", "'"),
    ("?", "`"),
    ("!", "`"),
    (",", ","),
    ("<", "<"),
    (">", ">"),
}


def _unpaired_braces(text: str) -> set[int]:
    """Positions of the braces in `text` that have no partner."""
    opened: list[int] = []
    unpaired: set[int] = set()
    for i, char in enumerate(text):
        if char == "{":
            opened.append(i)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                unpaired.add(i)
    return unpaired | set(opened)


def bibtex_escape(text: str) -> str:
    """The text as a BibTeX field value: LaTeX specials escaped, braces always balanced."""
    text = " ".join(str(text).split())
    unpaired = _unpaired_braces(text)
    out: list[str] = []
    for i, char in enumerate(text):
        if char in "{}":
            if i in unpaired:
                out.append(r"\textbraceleft{}" if char == "{" else r"\textbraceright{}")
            else:
                out.append("\\" + char)
        else:
            out.append(_BIBTEX_SPECIALS.get(char, char))
        if i + 1 < len(text) and (char, text[i + 1]) in _LIGATURE_PAIRS:
            out.append("{}")
    return "".join(out)


def to_bibtex(c: Citation) -> str:
    """The citation as one BibTeX entry (UTF-8; biblatex/biber read it as it is)."""
    entry_type = "techreport" if c.kind == "study" else "misc"
    fields: list[tuple[str, str]] = []
    if c.authors:
        # Double braces keep a name whole: an institution, or a Vietnamese name in its order.
        fields.append(("author", " and ".join("{" + bibtex_escape(a) + "}" for a in c.authors)))
    fields.append(("title", "{" + bibtex_escape(c.title) + "}"))
    if c.year:
        fields.append(("year", str(c.year)))
    if c.date:
        fields.append(("date", c.date))
    if c.number:
        fields.append(("number", bibtex_escape(c.number)))
    if c.kind == "study":
        # The study names no publisher: none is written (never the knowledge base itself).
        if c.publisher:
            fields.append(("institution", bibtex_escape(c.publisher)))
        fields.append(("type", "Report"))
    elif c.kind == "presentation":
        how = "Presentation" + (f" at {c.event}" if c.event else "")
        fields.append(("howpublished", bibtex_escape(how)))
        if c.publisher:
            fields.append(("organization", bibtex_escape(c.publisher)))
    else:
        fields.append(("howpublished", bibtex_escape(f"{c.genre or 'Policy document'}")))
        if c.publisher:
            fields.append(("publisher", bibtex_escape(c.publisher)))
    fields.append(("url", c.url.replace("{", "%7B").replace("}", "%7D")))
    fields.append(("language", {"vi": "vietnamese", "en": "english"}.get(c.language, c.language)))
    notes = [DATE_NOT_KNOWN] if not (c.year or c.date) else []
    if c.sample:
        notes.append(SAMPLE_NOTE)
    if notes:
        fields.append(("note", bibtex_escape(" ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{citation_key(c)},\n{body}\n}}\n"


def citation_key(c: Citation) -> str:
    """A BibTeX key from the record's key: letters, digits, '-' and ':' only."""
    return "sonla-kb:" + re.sub(r"[^a-z0-9-]", "-", c.key.lower())


# RIS

RIS_TYPES = {"policy": "GOVDOC", "presentation": "SLIDE", "study": "RPRT"}


def _ris_value(text: str) -> str:
    return " ".join(str(text).split())


def to_ris(c: Citation) -> str:
    """The citation as one RIS record (tags of two letters, "  - ", ending with ER)."""
    lines = [("TY", RIS_TYPES[c.kind])]
    lines += [("AU", a) for a in c.authors]
    lines.append(("TI", c.title))
    if c.title_translated:
        lines.append(("TT", c.title_translated))
    if c.year:
        lines.append(("PY", str(c.year)))
    if c.date:
        lines.append(("DA", c.date.replace("-", "/")))
    if c.number:
        lines.append(("M1", c.number))
    if c.publisher:
        lines.append(("PB", c.publisher))
    if c.event:
        lines.append(("T2", c.event))
    if c.place:
        lines.append(("CY", c.place))
    if c.genre:
        lines.append(("M3", c.genre))
    lines.append(("LA", c.language))
    lines.append(("UR", c.url))
    lines.append(("DB", SITE_TITLE))
    if not (c.year or c.date):
        lines.append(("N1", DATE_NOT_KNOWN))
    if c.sample:
        lines.append(("N1", SAMPLE_NOTE))
    lines.append(("ID", citation_key(c)))
    text = "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)
    return text + "ER  - \r\n"
