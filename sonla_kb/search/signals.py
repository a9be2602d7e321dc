"""Thin signal handlers: each hands the changed record to the change log, nothing more."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from ..themes import Theme, ThemedItem
from .changes import record_change, record_theme_change
from .documents import SOURCES
from .glossary import forget as forget_glossary


def _record_saved(sender, instance, raw=False, **kwargs):
    record_change(instance)


def _record_deleted(sender, instance, **kwargs):
    record_change(instance)


def _themes_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        record_change(instance)


def _theme_renamed(sender, instance, created, **kwargs):
    record_theme_change(instance)


def _theme_deleted(sender, instance, **kwargs):
    record_theme_change(instance)


def _glossary_changed(sender, **kwargs):
    forget_glossary()


def _workshop_saved(sender, instance, **kwargs):
    record_all_presentations()


def _attachment_changed(sender, instance, **kwargs):
    """An attached file's text is part of its record's document: log the record."""
    from .changes import record_changes

    # By id, not instance: in a cascade the record may already be on its way out.
    for label, pk in (
        ("presentations.presentation", instance.presentation_id),
        ("policies.study", instance.study_id),
    ):
        if pk is not None:
            record_changes(label=label, pks=[pk])


def record_all_presentations() -> None:
    """The workshop's date is every presentation's date: log them all."""
    from presentations.models import Presentation

    from .changes import record_changes

    pks = Presentation.objects.values_list("pk", flat=True)
    record_changes(label="presentations.presentation", pks=list(pks))


def connect() -> None:
    """Wire the handlers (called from AppConfig.ready)."""
    for source in SOURCES:
        post_save.connect(
            _record_saved, sender=source.model, dispatch_uid=f"idx-save-{source.label}"
        )
        post_delete.connect(
            _record_deleted, sender=source.model, dispatch_uid=f"idx-del-{source.label}"
        )
    m2m_changed.connect(_themes_changed, sender=ThemedItem, dispatch_uid="idx-themes")
    post_save.connect(_theme_renamed, sender=Theme, dispatch_uid="idx-theme-save")
    pre_delete.connect(_theme_deleted, sender=Theme, dispatch_uid="idx-theme-delete")
    from ..glossary.models import Term

    # A glossary edit reaches this process's next search at once (other processes: glossary.py).
    for model in (Term, Theme):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            uid = f"glossary-{name}-{model.__name__}"
            signal.connect(_glossary_changed, sender=model, dispatch_uid=uid)
    from presentations.models import Workshop

    post_save.connect(_workshop_saved, sender=Workshop, dispatch_uid="idx-workshop")
    from ..attachments.models import Attachment

    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid="idx-attachment-save")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid="idx-attachment-del")
