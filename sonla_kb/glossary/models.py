"""A glossary term: one concept in English and in Vietnamese."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sonla_kb.records import KeyField

from .forms import FORM_MAX_LENGTH, join_forms, split_forms

_ONE_PER_LINE = _("One form per line; the first is the usual one.")


class Term(models.Model):
    """A concept of the field, as English and Vietnamese write it (forms one per line)."""

    key = KeyField()
    english = models.TextField(_("English forms"), help_text=_ONE_PER_LINE)
    vietnamese = models.TextField(_("Vietnamese forms"), help_text=_ONE_PER_LINE)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other words for it in either language, such as abbreviations; one per line."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        english = split_forms(self.english)
        vietnamese = split_forms(self.vietnamese)
        return f"{english[0] if english else self.key} ↔ {vietnamese[0] if vietnamese else '—'}"

    def clean(self) -> None:
        """Forms tidied (one per line, no blanks or repeats); both languages need one."""
        errors = {}
        for name in ("english", "vietnamese", "synonyms"):
            forms = split_forms(getattr(self, name))
            setattr(self, name, join_forms(forms))
            if any(len(form) > FORM_MAX_LENGTH for form in forms):
                errors[name] = _("A form is at most %(max)d characters.") % {"max": FORM_MAX_LENGTH}
        for name in ("english", "vietnamese"):
            if not getattr(self, name) and name not in errors:
                errors[name] = _("Give at least one form.")
        if errors:
            raise ValidationError(errors)
