"""Theme links read and written in bulk, for imports and exports of many records.

taggit's prefetch builds a queryset per record and its add() runs a get_or_create per
theme: together most of the time of a large import or export. Here one query reads
the links of many records, and one INSERT links many new records, with the very
m2m_changed signals taggit sends, so listeners (the search change log) see the same.
"""

from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed

from sonla_kb.themes import Theme, ThemedItem


def theme_ids_by_record(*, model: type[models.Model], pks: Sequence[int]) -> dict[int, set[int]]:
    """The theme ids of each of these records, in one query."""
    return _links(model, pks, "tag_id")


def theme_names_by_record(
    *, model: type[models.Model], pks: Sequence[int] | None = None
) -> dict[int, set[str]]:
    """The theme names of each record of a model (of the given pks, or all), in one query."""
    # Names come joined in the same query: a theme created meanwhile cannot be missing.
    return _links(model, pks, "tag__name")


def _links(model: type[models.Model], pks: Sequence[int] | None, column: str) -> dict:
    links = ThemedItem.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if pks is not None:
        links = links.filter(object_id__in=list(pks))
    themes: dict[int, set] = defaultdict(set)
    for object_id, value in links.values_list("object_id", column):
        themes[object_id].add(value)
    return themes


def link_new_records(created: Sequence[tuple[models.Model, Sequence[Theme]]]) -> None:
    """Link freshly saved records, which have no theme yet, to their themes in one INSERT."""
    if not created:
        return
    first = created[0][0]
    content_type = ContentType.objects.get_for_model(first)
    signal = {"sender": ThemedItem, "reverse": False, "model": Theme, "using": first._state.db}
    for record, themes in created:
        m2m_changed.send(action="pre_add", instance=record, pk_set={t.pk for t in themes}, **signal)
    ThemedItem.objects.bulk_create(
        [
            ThemedItem(content_type=content_type, object_id=record.pk, tag=theme)
            for record, themes in created
            for theme in themes
        ],
        batch_size=500,
    )
    for record, themes in created:
        m2m_changed.send(
            action="post_add", instance=record, pk_set={t.pk for t in themes}, **signal
        )
