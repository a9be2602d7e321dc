"""The sections of the format: their fields in the order they are written, and their models.

Importer, exporter and schema all read this table, so a field is added in one place.
Lengths, ranges and URL rules are not repeated here: they come from the model fields.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.db import models

from policies.models import Indicator, PolicyKind, PolicyMeasure, PolicyStatus, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.glossary.models import Term
from sonla_kb.records import Language
from sonla_kb.themes import Theme

FORMAT = "sonla-kb/1"

# `order` is a PositiveSmallIntegerField: PostgreSQL's smallint stops here.
MAX_ORDER = 32767


class Kind(StrEnum):
    KEY = "key"
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    ENUM = "enum"
    TAGS = "tags"
    ABOUT = "about"
    FILES = "files"
    FORMS = "forms"  # a list of strings, stored one per line


# Fields that are not a column of the model: the importer handles them apart.
RELATED_KINDS = frozenset({Kind.TAGS, Kind.ABOUT, Kind.FILES})


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record: its JSON kind, whether it is required, its default."""

    name: str
    kind: Kind
    required: bool = False
    nullable: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    max_value: int | None = None


@dataclass(frozen=True)
class SectionSpec:
    """One section: a list of records or a single object, and the model it fills."""

    name: str
    model: type[models.Model]
    fields: tuple[FieldSpec, ...]
    many: bool
    key_field: str | None  # "key"; "name" for themes; None for the workshop

    @cached_property
    def field_names(self) -> frozenset[str]:
        """The names a record of this section may carry."""
        return frozenset(f.name for f in self.fields)

    @cached_property
    def has_tags(self) -> bool:
        """Whether the records carry themes."""
        return any(f.kind is Kind.TAGS for f in self.fields)


def _text(name: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec(name, Kind.TEXT, required=required, default="")


def _common_tail(*, files: bool) -> tuple[FieldSpec, ...]:
    tail = (
        FieldSpec("tags", Kind.TAGS, default=()),
        FieldSpec(
            "language", Kind.ENUM, default=Language.ENGLISH.value, choices=tuple(Language.values)
        ),
        FieldSpec("sample", Kind.BOOL, default=False),
    )
    return (*tail, FieldSpec("files", Kind.FILES, default=())) if files else tail


_KEY = FieldSpec("key", Kind.KEY, required=True)

THEMES = SectionSpec(
    "themes",
    Theme,
    many=True,
    key_field="name",
    fields=(
        _text("name", required=True),
        _text("slug"),
        _text("name_vi"),
        _text("description"),
        _text("description_vi"),
    ),
)

WORKSHOP = SectionSpec(
    "workshop",
    Workshop,
    many=False,
    key_field=None,
    fields=(
        _text("title", required=True),
        _text("title_vi"),
        FieldSpec("date", Kind.DATE, nullable=True),
        _text("venue"),
        _text("venue_vi"),
        _text("organisers"),
        _text("organisers_vi"),
        _text("summary"),
        _text("summary_vi"),
        _text("source_url"),
    ),
)

STUDY = SectionSpec(
    "study",
    Study,
    many=False,
    key_field="key",
    fields=(
        _KEY,
        _text("title", required=True),
        _text("title_translated"),
        _text("authors"),
        FieldSpec("year", Kind.INT, nullable=True),
        _text("summary"),
        _text("summary_translated"),
        _text("body"),
        *_common_tail(files=True),
    ),
)

PRESENTATIONS = SectionSpec(
    "presentations",
    Presentation,
    many=True,
    key_field="key",
    fields=(
        _KEY,
        FieldSpec("order", Kind.INT, required=True, max_value=MAX_ORDER),
        _text("title", required=True),
        _text("title_translated"),
        _text("speaker"),
        _text("organisation"),
        _text("summary"),
        _text("summary_translated"),
        _text("body"),
        *_common_tail(files=True),
    ),
)

POLICIES = SectionSpec(
    "policies",
    PolicyMeasure,
    many=True,
    key_field="key",
    fields=(
        _KEY,
        _text("number"),
        _text("title", required=True),
        _text("title_translated"),
        FieldSpec("kind", Kind.ENUM, required=True, choices=tuple(PolicyKind.values)),
        _text("issuer", required=True),
        _text("issuer_vi"),
        FieldSpec("issued_on", Kind.DATE, required=True),
        FieldSpec("effective_from", Kind.DATE, nullable=True),
        FieldSpec("status", Kind.ENUM, required=True, choices=tuple(PolicyStatus.values)),
        _text("summary"),
        _text("summary_translated"),
        _text("body"),
        _text("source_url"),
        FieldSpec("source_date", Kind.DATE, nullable=True),
        *_common_tail(files=False),
    ),
)

FEEDBACK = SectionSpec(
    "feedback",
    Feedback,
    many=True,
    key_field="key",
    fields=(
        _KEY,
        _text("author", required=True),
        _text("organisation"),
        FieldSpec("about", Kind.ABOUT, nullable=True),
        _text("text", required=True),
        FieldSpec("submitted_on", Kind.DATE, required=True),
        FieldSpec("published", Kind.BOOL, default=True),
        # `sample` is not in kb-format/1's list for feedback, but demonstration feedback is
        # labelled like any other record, so it travels too.
        *_common_tail(files=False),
    ),
)

INDICATORS = SectionSpec(
    "indicators",
    Indicator,
    many=True,
    key_field="key",
    fields=(
        _KEY,
        _text("name", required=True),
        _text("name_vi"),
        FieldSpec("value", Kind.NUMBER, required=True),
        _text("unit"),
        FieldSpec("year", Kind.INT, nullable=True),
        _text("scope"),
        _text("scope_vi"),
        _text("source"),
        _text("source_vi"),
        _text("source_url"),
        FieldSpec("source_date", Kind.DATE, nullable=True),
        _text("note"),
        _text("note_vi"),
    ),
)

TERMS = SectionSpec(
    "terms",
    Term,
    many=True,
    key_field="key",
    fields=(
        _KEY,
        FieldSpec("english", Kind.FORMS, required=True, default=""),
        FieldSpec("vietnamese", Kind.FORMS, required=True, default=""),
        FieldSpec("synonyms", Kind.FORMS, default=""),
        _text("note"),
    ),
)

# In the order they are imported (a feedback's `about` needs its record) and written.
SECTIONS: dict[str, SectionSpec] = {
    s.name: s
    for s in (THEMES, WORKSHOP, STUDY, PRESENTATIONS, POLICIES, FEEDBACK, INDICATORS, TERMS)
}

# A feedback's `about.type`: the section its record lives in; also the name of Feedback's FK.
ABOUT_SECTIONS: dict[str, SectionSpec] = {
    "study": STUDY,
    "presentation": PRESENTATIONS,
    "policy": POLICIES,
}
