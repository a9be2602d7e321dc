"""Thin signal handler: a deleted attachment's file leaves storage once the deletion commits.

A signal, not only a service, because deleting a presentation or the study deletes its
files by cascade, and the cascade sends post_delete for each of them.
"""

from django.db.models.signals import post_delete

from .models import Attachment
from .services import remove_after_commit


def _attachment_deleted(sender, instance: Attachment, **kwargs) -> None:
    if instance.file:
        remove_after_commit(instance.file.storage, instance.file.name)


def connect() -> None:
    """Wire the handler (called from AppConfig.ready)."""
    post_delete.connect(_attachment_deleted, sender=Attachment, dispatch_uid="attachment-file")
