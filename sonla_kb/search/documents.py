"""How a record becomes a search document, and which records the public may find.

Each indexed model has a ``Source``: its type name, the queryset of public records with
what a document needs prefetched, and the function that turns one record into fields.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from .analysis import nfc

if TYPE_CHECKING:
    from ..progress import ProgressFactory
    from .contract import CheckReport


@dataclass(frozen=True)
class Source:
    """An indexed model: what it is called in search, and how its records become documents."""

    type: str
    label: str  # app_label.model_name
    public: Callable[[models.QuerySet], models.QuerySet]
    fields: Callable[[Any, "Context"], dict[str, Any]]

    @property
    def model(self) -> type[models.Model]:
        """The Django model behind this source."""
        return apps.get_model(self.label)

    def queryset(self) -> models.QuerySet:
        """Every public record, with what a document needs fetched in bulk."""
        qs = self.public(self.model.objects.all())
        if self.type == "feedback":
            qs = qs.select_related("study", "presentation", "policy")
        return qs.order_by("pk")


@dataclass(frozen=True)
class Context:
    """What documents share and is read once per batch: the workshop's date."""

    workshop_date: Any = None

    @classmethod
    def load(cls) -> "Context":
        """Read the shared facts from the database."""
        from presentations.models import Workshop

        workshop = Workshop.objects.order_by("pk").first()
        return cls(workshop_date=workshop.date if workshop else None)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _policy(record, ctx: Context) -> dict[str, Any]:
    return {
        "title": record.title,
        "content": _paragraphs(record.summary, record.body),
        "issuer": record.issuer,
        "number": record.number,
        "kind": record.kind,
        "date": record.issued_on,
        "year": record.issued_on.year,
    }


def _presentation(record, ctx: Context) -> dict[str, Any]:
    date = ctx.workshop_date
    return {
        "title": record.title,
        "content": _paragraphs(record.summary, record.body),
        "speaker": _paragraphs(record.speaker, record.organisation),
        "date": date,
        "year": date.year if date else None,
    }


def _study(record, ctx: Context) -> dict[str, Any]:
    return {
        "title": record.title,
        "content": _paragraphs(record.summary, record.body),
        "speaker": record.authors,
        "date": None,
        "year": record.year,
    }


def _feedback(record, ctx: Context) -> dict[str, Any]:
    about = record.about
    if record.language == "vi":
        title = f"Ý kiến của {record.author} về {about.title if about else 'hội thảo'}"
    else:
        title = f"Feedback from {record.author} on {about.title if about else 'the workshop'}"
    return {
        "title": title,
        "content": record.text,
        "speaker": _paragraphs(record.author, record.organisation),
        "date": record.submitted_on,
        "year": record.submitted_on.year,
    }


SOURCES: tuple[Source, ...] = (
    Source("policy", "policies.policymeasure", lambda qs: qs, _policy),
    Source("presentation", "presentations.presentation", lambda qs: qs, _presentation),
    Source("study", "policies.study", lambda qs: qs, _study),
    Source("feedback", "presentations.feedback", lambda qs: qs.filter(published=True), _feedback),
)
SOURCE_BY_LABEL = {s.label: s for s in SOURCES}
TYPES = tuple(s.type for s in SOURCES)


def source_for(record: models.Model) -> Source | None:
    """The source of a record's model, or None when its model is not indexed."""
    return SOURCE_BY_LABEL.get(record._meta.label_lower)


def doc_id(source: Source, pk: int) -> str:
    """The document id of one record: its type and primary key ('policy:12')."""
    return f"{source.type}:{pk}"


def build_document(
    source: Source, record: models.Model, *, context: Context, themes: list, files: list = ()
) -> dict[str, Any]:
    """The fields of a record's search document (the record must be public)."""
    own = {
        k: nfc(v) if isinstance(v, str) else v for k, v in source.fields(record, context).items()
    }
    pages = [[*page[:-1], nfc(page[-1])] for page in file_pages(files)]
    themes = sorted(themes, key=lambda t: t.name.lower())
    names = [t.name for t in themes]
    theme_words = " ".join(f"{t.name} {t.name_vi}" for t in themes)
    date = own.pop("date")
    year = own.pop("year")
    content = own.pop("content")
    people = " ".join(own.get(f, "") for f in ("speaker", "issuer", "number"))
    searchable = "\n\n".join([own["title"], content, people, *_texts(pages)])
    text_field = "text_vi" if record.language == "vi" else "text_en"
    other_field = "text_en" if text_field == "text_vi" else "text_vi"
    # A translated title and summary are in the other language: analysed as that language.
    title_translated = nfc(getattr(record, "title_translated", "") or "").strip()
    translated = nfc(_paragraphs(title_translated, getattr(record, "summary_translated", "")))
    # Theme names in both languages, each in its own language's field: a record tagged
    # "Linkage chains" is found by "chuỗi liên kết" whatever its own language.
    texts = {text_field: [searchable], other_field: [translated]}
    texts["text_en"].append(" ".join(names))
    texts["text_vi"].append(" ".join(t.name_vi for t in themes if t.name_vi))
    exact = "\n\n".join(filter(None, [searchable, translated, texts["text_vi"][-1]]))
    doc: dict[str, Any] = {
        "id": doc_id(source, record.pk),
        "type": source.type,
        "key": record.key,
        "url": record.get_absolute_url(),
        "title": own.pop("title"),
        "title_translated": title_translated or None,
        **{field: "\n\n".join(filter(None, parts)) for field, parts in texts.items()},
        "exact": exact if not exact.isascii() else "",
        "content": content,
        "tag": theme_words,
        "tagid": ",".join(t.slug for t in themes),
        "tagnames": names,
        "language": record.language,
        "sample": bool(getattr(record, "sample", False)),
        "date": date.isoformat() if date else None,
        **{k: v for k, v in own.items() if v},
    }
    if pages:
        doc["pages"] = pages
    if year:
        doc["year"] = str(year)
    if date:
        doc["datenum"] = date.year * 10000 + date.month * 100 + date.day
    doc["fingerprint"] = fingerprint(doc)
    return doc


def fingerprint(doc: dict[str, Any]) -> str:
    """A digest of a document's fields: it tells whether the index holds the current text."""
    payload = json.dumps({k: v for k, v in doc.items() if k != "fingerprint"}, sort_keys=True)
    return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


def themes_of(model: type[models.Model], pks: list[int]) -> dict[int, list]:
    """The themes of many records of one model, in one query (taggit's prefetch builds
    a query per record)."""
    from django.contrib.contenttypes.models import ContentType

    from ..themes import ThemedItem

    content_type = ContentType.objects.get_for_model(model)
    found: dict[int, list] = {pk: [] for pk in pks}
    items = ThemedItem.objects.filter(content_type=content_type, object_id__in=pks)
    for item in items.select_related("tag"):
        found[item.object_id].append(item.tag)
    return found


# The sources whose records take attached files, and the attachment's key to the record.
FILE_OWNERS = {"presentation": "presentation_id", "study": "study_id"}


def files_of(source: Source, pks: list[int]) -> dict[int, list]:
    """The attached files of many records of one source, in one query (only what search needs)."""
    found: dict[int, list] = {pk: [] for pk in pks}
    owner = FILE_OWNERS.get(source.type)
    if owner is None or not pks:
        return found
    from ..attachments.models import Attachment

    files = Attachment.objects.filter(**{f"{owner}__in": pks}).order_by("original_name", "pk")
    for attachment in files.only(owner, "original_name", "kind", "pages", "ocr_pages"):
        found[getattr(attachment, owner)].append(attachment)
    return found


def file_pages(files: Iterable) -> list[list]:
    """Where each attached file's text is: [file name, "slide", "page" or "ocr-page" (text
    recognised from a scan), number, text]."""
    return [
        [attachment.original_name, attachment.page_unit(number), number, text]
        for attachment in files
        for number, text in enumerate(attachment.pages or (), start=1)
        if text
    ]


def _texts(pages: list[list]) -> list[str]:
    return [text for *_, text in pages]


def build_documents(source: Source, records: list, *, context: Context) -> list[dict[str, Any]]:
    """The documents of a batch of public records of one source."""
    pks = [r.pk for r in records]
    themes, files = themes_of(source.model, pks), files_of(source, pks)
    return [
        build_document(source, r, context=context, themes=themes[r.pk], files=files[r.pk])
        for r in records
    ]


def documents_for(source: Source, pks: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Documents of those records that exist and are public, by primary key."""
    records = list(source.queryset().filter(pk__in=list(pks)))
    docs = build_documents(source, records, context=Context.load())
    return {record.pk: doc for record, doc in zip(records, docs, strict=True)}


def iter_documents(*, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every public record's document, read from the database in batches."""
    context = Context.load()
    for source in SOURCES:
        batch: list = []
        for record in source.queryset().iterator(chunk_size=batch_size):
            batch.append(record)
            if len(batch) == batch_size:
                yield from build_documents(source, batch, context=context)
                batch = []
        if batch:
            yield from build_documents(source, batch, context=context)


def count_documents() -> int:
    """How many documents `iter_documents` yields: every public record."""
    return sum(source.queryset().count() for source in SOURCES)


def compare_with_records(
    report: "CheckReport", *, indexed: dict[str, str], progress: "ProgressFactory"
) -> dict[str, dict[str, Any]]:
    """Fill the report's drift from an index's fingerprints (doc id → fingerprint).

    Returns the current documents by id, so a repair can write the missing and stale ones.
    """
    with progress(total=count_documents(), label="Checking") as bar:
        current = {}
        for doc in iter_documents():
            current[doc["id"]] = doc
            bar.update(1)
    report.missing = sorted(set(current) - set(indexed))
    report.extra = sorted(set(indexed) - set(current))
    report.stale = sorted(
        i for i in set(current) & set(indexed) if current[i]["fingerprint"] != indexed[i]
    )
    return current
