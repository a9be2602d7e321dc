"""Thin signal handlers: any change to the knowledge base's content starts a new generation.

Every model of the project's own apps is content, unless listed in NOT_CONTENT: a new
model (a glossary's terms, say) is covered the moment its app is, with no line to add.
A write that sends no signal (QuerySet.update, bulk_update) must call content_changed().
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .generation import content_changed
from .project import project_app_configs

# Models whose rows no page shows. The search index's change log is written beside every
# change it records, which starts a new generation by itself.
NOT_CONTENT = frozenset({"sonla_kb.indexchange"})


def _changed(sender, using=None, **kwargs):
    content_changed(using=using)


def content_models() -> list:
    """The models whose changes pages may show: those of the project's apps, less NOT_CONTENT."""
    return [
        model
        for config in project_app_configs()
        for model in config.get_models(include_auto_created=True)
        if model._meta.label_lower not in NOT_CONTENT
    ]


def connect() -> None:
    """Wire the handlers (called from AppConfig.ready)."""
    for model in content_models():
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"pages-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pages-del-{label}")
        # Any action: the generation changes once, after the commit, whichever it was.
        m2m_changed.connect(_changed, sender=model, dispatch_uid=f"pages-m2m-{label}")
    # A data migration changes content without a signal per row.
    post_migrate.connect(_changed, dispatch_uid="pages-migrate")
