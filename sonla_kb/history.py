"""Record history: each version keeps the record's themes too, so a revert or restore is whole.

django-simple-history stores a version of a record's fields at every save and at its
deletion. Themes live in taggit's link table, which it does not follow, so each version
of a themed record also keeps the names of its themes (``ThemesSnapshot.themes``):
taken when the version is written, brought up to date when the themes of that same
record change in the same transaction (the admin and the importer save the record, then
its themes), and read just before a deletion removes the links.
"""

from django.db import models, transaction
from django.db.models.signals import m2m_changed, pre_delete
from simple_history.signals import pre_create_historical_record

from .themes import ThemedItem

# Where, on a record object, the version it last wrote is kept while its themes are set.
_VERSION_ATTR = "_history_version"
_THEMES_AT_DELETION_ATTR = "_themes_at_deletion"


class ThemesSnapshot(models.Model):
    """Abstract base of the historical model of a themed record: its theme names then."""

    themes = models.JSONField(default=list, blank=True, help_text="Theme names at that time.")

    class Meta:
        abstract = True


def has_theme_history(record: models.Model) -> bool:
    """True when the record's versions keep its themes."""
    model = getattr(getattr(type(record), "history", None), "model", None)
    return isinstance(model, type) and issubclass(model, ThemesSnapshot)


def _theme_names(record: models.Model) -> list[str]:
    return sorted(record.tags.names(), key=str.casefold)


def _version_written(sender, instance, history_instance, **kwargs) -> None:
    if not isinstance(history_instance, ThemesSnapshot):
        return
    if history_instance.history_type == "-":
        history_instance.themes = getattr(instance, _THEMES_AT_DELETION_ATTR, [])
    elif history_instance.history_type == "~":
        history_instance.themes = _theme_names(instance)
    # "+": a record just created has no themes yet; setting them next updates this version.
    setattr(instance, _VERSION_ATTR, history_instance)
    # Theme changes after this transaction are a version of their own.
    transaction.on_commit(lambda: instance.__dict__.pop(_VERSION_ATTR, None), robust=True)


def _record_deleting(sender, instance, **kwargs) -> None:
    if has_theme_history(instance):
        setattr(instance, _THEMES_AT_DELETION_ATTR, _theme_names(instance))


def _themes_changed(sender, instance, action, reverse, **kwargs) -> None:
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if not has_theme_history(instance):
        return
    version = getattr(instance, _VERSION_ATTR, None)
    if version is not None and version.pk is not None:
        version.themes = _theme_names(instance)
        version.save(update_fields=["themes"])
    else:
        # Themes changed on their own: a save writes the version (and updated_at says so).
        instance.save(update_fields=["updated_at"])


def restore(version: models.Model) -> models.Model:
    """Save a record as it was in this version (a deleted one comes back under its old id)."""
    record = version.instance
    record.save()
    if isinstance(version, ThemesSnapshot):
        record.tags.set(version.themes)
    return record


def connect() -> None:
    """Wire the handlers (called from AppConfig.ready)."""
    pre_create_historical_record.connect(_version_written, dispatch_uid="history-themes")
    pre_delete.connect(_record_deleting, dispatch_uid="history-themes-deleting")
    m2m_changed.connect(_themes_changed, sender=ThemedItem, dispatch_uid="history-themes-set")
