"""factory_boy factories for every record of the knowledge base."""

import datetime as dt
from decimal import Decimal

import factory

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.glossary.models import Term
from sonla_kb.themes import Theme


class TagsPostGeneration(factory.PostGeneration):
    """`tags=["GAP", ...]` on any factory sets the record's themes by name."""

    def __init__(self):
        super().__init__(self._set_tags)

    @staticmethod
    def _set_tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.set(list(extracted))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_vi = factory.Sequence(lambda n: f"Chủ đề {n}")
    description = "A theme used in tests."


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = "Workshop on policies for coffee development in Son La"
    venue = "Son La"
    summary = "The workshop in brief."


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"study-{n}")
    title = "Policies for Coffee Development in Son La: Current Situation and Solutions"
    authors = "Test authors"
    year = 2025
    summary = "What the study found."
    body = "The study reviews the policies.\n\nIt proposes solutions."
    tags = TagsPostGeneration()


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"p{n:02d}")
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Presentation {n}")
    speaker = "A speaker"
    organisation = "An organisation"
    summary = "What the talk covered."
    body = "The talk in full."
    tags = TagsPostGeneration()


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyMeasure
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"policy-{n}")
    number = ""
    title = factory.Sequence(lambda n: f"Policy measure {n}")
    kind = "decision"
    issuer = "Son La Provincial People's Committee"
    issued_on = dt.date(2020, 5, 1)
    status = "in_force"
    summary = "What the measure supports."
    body = "The measure in full."
    tags = TagsPostGeneration()


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"fb-{n:03d}")
    author = "A delegate"
    organisation = "A cooperative"
    text = "Support should reach small farms."
    submitted_on = dt.date(2025, 6, 1)
    published = True
    tags = TagsPostGeneration()


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    key = factory.Sequence(lambda n: f"indicator-{n}")
    name = "Coffee area"
    value = Decimal("23312")
    unit = "ha"
    year = 2024
    scope = "Son La"
    source = "Son La coffee policy workshop"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    key = factory.Sequence(lambda n: f"term-{n}")
    english = "planting area code"
    vietnamese = "mã số vùng trồng"
