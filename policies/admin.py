"""Staff admin of the policy register, the study and the indicators."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from presentations.admin import FeedbackInline
from sonla_kb.admin import ThemedRecordAdmin
from sonla_kb.admin_dates import LocalDatesMixin
from sonla_kb.attachments.admin import AttachmentInline, PendingFilesNotice
from sonla_kb.figures import format_indicator
from sonla_kb.history_admin import HistoryAdmin
from sonla_kb.spreadsheets.admin import SpreadsheetAdminMixin
from sonla_kb.spreadsheets.resources import IndicatorResource, PolicyResource

from .models import Indicator, PolicyMeasure, Study


@admin.register(PolicyMeasure)
class PolicyMeasureAdmin(SpreadsheetAdminMixin, LocalDatesMixin, HistoryAdmin, ThemedRecordAdmin):
    """The policy measures since 2017, with the feedback about each."""

    resource_classes = (PolicyResource,)
    list_display = ("title", "number", "kind", "issuer", "issued_on", "status", "themes", "sample")
    list_filter = ("status", "kind", "sample", "language", "issuer", "tags")
    search_fields = ("key", "number", "title", "issuer", "summary")
    date_hierarchy = "issued_on"
    prepopulated_fields = {"key": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (FeedbackInline,)
    fieldsets = (
        (None, {"fields": ("key", "title", ("number", "kind"), "issuer", "status")}),
        (_("Dates"), {"fields": (("issued_on", "effective_from"),)}),
        (None, {"fields": ("summary", "body", ("source_url", "source_date"), "language", "tags")}),
        (
            _("Translation"),
            {
                "fields": ("title_translated", "summary_translated", "issuer_vi"),
                "description": _(
                    "The title and summary in the other language than the record's own, "
                    "shown on the page as a translation."
                ),
            },
        ),
        (_("Labelling"), {"fields": ("sample", "created_at", "updated_at")}),
    )


@admin.register(Study)
class StudyAdmin(PendingFilesNotice, HistoryAdmin, ThemedRecordAdmin):
    """The study, with the feedback about it."""

    list_display = ("title", "authors", "year", "themes", "language", "sample")
    list_filter = ("year", "sample", "language", "tags")
    search_fields = ("key", "title", "authors", "summary")
    prepopulated_fields = {"key": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (AttachmentInline, FeedbackInline)
    fieldsets = (
        (None, {"fields": ("key", "title", ("authors", "year"))}),
        (None, {"fields": ("summary", "body", "language", "tags")}),
        (
            _("Translation"),
            {
                "fields": ("title_translated", "summary_translated"),
                "description": _(
                    "The title and summary in the other language than the record's own, "
                    "shown on the page as a translation."
                ),
            },
        ),
        (_("Labelling"), {"fields": ("sample", "created_at", "updated_at")}),
    )


@admin.register(Indicator)
class IndicatorAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    """The figures on the home page."""

    resource_classes = (IndicatorResource,)
    list_display = ("name", "shown_as", "year", "scope", "source", "key")
    list_filter = ("scope", "year")
    search_fields = ("key", "name", "scope", "source", "note")
    ordering = ("key",)

    @admin.display(description=_("Shown as"), ordering="value")
    def shown_as(self, obj: Indicator) -> str:
        """The value as the home page writes it."""
        return format_indicator(obj.value, obj.unit)
