"""The glossary in the admin: staff add and correct terms; every change is kept in History."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sonla_kb.history_admin import HistoryAdmin
from sonla_kb.spreadsheets.admin import SpreadsheetAdminMixin
from sonla_kb.spreadsheets.resources import TermResource

from .forms import split_forms
from .models import Term


@admin.register(Term)
class TermAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    """The bilingual glossary that carries searches into the other language."""

    resource_classes = (TermResource,)
    list_display = ("key", "english_forms", "vietnamese_forms", "updated_at")
    search_fields = ("key", "english", "vietnamese", "synonyms", "note")
    prepopulated_fields = {"key": ("english",)}
    readonly_fields = ("created_at", "updated_at")
    ordering = ("key",)
    fields = ("key", "english", "vietnamese", "synonyms", "note", "created_at", "updated_at")

    @admin.display(description=_("English forms"), ordering="english")
    def english_forms(self, obj: Term) -> str:
        """The English forms, separated by semicolons."""
        return "; ".join(split_forms(obj.english))

    @admin.display(description=_("Vietnamese forms"), ordering="vietnamese")
    def vietnamese_forms(self, obj: Term) -> str:
        """The Vietnamese forms, separated by semicolons."""
        return "; ".join(split_forms(obj.vietnamese))
