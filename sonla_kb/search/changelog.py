"""The durable change log that every search index follows with its own cursor.

A row is written in the same transaction as the change it records, so a change that
could not reach the index at once is never lost: the next writer, `check_index`, or a
searcher that notices it is behind, applies it later.
"""

from django.db import models


class IndexChange(models.Model):
    """One record that changed (created, edited, re-themed, published, deleted)."""

    id = models.BigAutoField(primary_key=True)
    model = models.CharField(max_length=100, help_text="app_label.model_name of the record")
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "index change"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.id} {self.model}:{self.object_id}"
