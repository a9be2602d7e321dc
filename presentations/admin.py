"""Staff admin of the workshop, its presentations and the delegates' feedback."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sonla_kb.admin import ThemedRecordAdmin, ThemesAutocompleteMixin, titled_filter
from sonla_kb.admin_dates import LocalDatesMixin
from sonla_kb.attachments.admin import AttachmentInline, PendingFilesNotice
from sonla_kb.history_admin import HistoryAdmin
from sonla_kb.spreadsheets.admin import SpreadsheetAdminMixin
from sonla_kb.spreadsheets.resources import FeedbackResource

from .admin_forms import FeedbackAdminForm, SuggestedKeyFeedbackForm
from .admin_moderation import ModerationAdminMixin
from .feedback_keys import save_with_free_key
from .models import Feedback, Presentation, Workshop
from .moderation import set_published


@admin.action(description=_("Publish selected feedback"), permissions=["change"])
def publish_feedback(modeladmin, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
    """Make the selected feedback public."""
    count = set_published(queryset, published=True)
    modeladmin.message_user(
        request,
        ngettext("%(count)d feedback item published.", "%(count)d feedback items published.", count)
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish selected feedback"), permissions=["change"])
def unpublish_feedback(modeladmin, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
    """Hide the selected feedback from the public."""
    count = set_published(queryset, published=False)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d feedback item unpublished.", "%(count)d feedback items unpublished.", count
        )
        % {"count": count},
        messages.SUCCESS,
    )


class FeedbackInline(LocalDatesMixin, ThemesAutocompleteMixin, admin.StackedInline):
    """The feedback about a study, presentation or policy measure, under that record."""

    model = Feedback
    form = FeedbackAdminForm
    extra = 0
    show_change_link = True
    fields = (
        ("key", "submitted_on"),
        ("author", "organisation"),
        "text",
        "tags",
        ("language", "published", "sample"),
    )
    verbose_name = _("feedback item")
    verbose_name_plural = _("feedback about this record")


class AboutListFilter(admin.SimpleListFilter):
    """Filter feedback by what it is about."""

    title = _("about")
    parameter_name = "about"

    def lookups(self, request, model_admin):
        """The kinds of record feedback can be about."""
        return (
            ("workshop", _("The workshop as a whole")),
            ("study", _("The study")),
            ("presentation", _("A presentation")),
            ("policy", _("A policy measure")),
        )

    def queryset(self, request, queryset):
        """Keep the feedback about the chosen kind of record."""
        value = self.value()
        if value == "workshop":
            return queryset.filter(
                study__isnull=True, presentation__isnull=True, policy__isnull=True
            )
        if value in ("study", "presentation", "policy"):
            return queryset.filter(**{f"{value}__isnull": False})
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(
    ModerationAdminMixin, SpreadsheetAdminMixin, LocalDatesMixin, HistoryAdmin, ThemedRecordAdmin
):
    """Moderate what delegates said: publish, unpublish, attach to a record, theme."""

    resource_classes = (FeedbackResource,)
    form = SuggestedKeyFeedbackForm
    change_list_template = "admin/presentations/feedback_change_list.html"
    # Short columns, so that the list fits 1280 px in either language; themes are a filter.
    list_display = (
        "key",
        "sender",
        "excerpt",
        "about_display",
        "submitted",
        "published",
        "sample",
    )
    list_display_links = ("key", "sender")
    list_filter = (
        AboutListFilter,
        ("published", titled_filter(_("publication status"))),
        ("sample", titled_filter(_("sample content"))),
        "language",
        "tags",
    )
    search_fields = ("key", "author", "organisation", "text")
    date_hierarchy = "submitted_on"
    list_select_related = ("study", "presentation", "policy")
    autocomplete_fields = ("study", "presentation", "policy")
    actions = (publish_feedback, unpublish_feedback)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("key", ("author", "organisation"), "submitted_on")}),
        (
            _("About"),
            {
                "fields": ("study", "presentation", "policy"),
                "description": _(
                    "Choose at most one record. Leave all empty for feedback on the workshop "
                    "as a whole."
                ),
            },
        ),
        (None, {"fields": ("text", "language", "tags")}),
        (_("Publication"), {"fields": ("published", "sample", "created_at", "updated_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Feedback, form, change: bool) -> None:
        """Save, with the next free key when the key was left empty."""
        save_with_free_key(feedback=obj)

    @admin.display(description=_("From"), ordering="author")
    def sender(self, obj: Feedback) -> str:
        """Who said it, and for which organisation."""
        if not obj.organisation:
            return obj.author
        return f"{obj.author} ({Truncator(obj.organisation).chars(40)})"

    @admin.display(description=_("Date"), ordering="submitted_on")
    def submitted(self, obj: Feedback) -> str:
        """The day it was said, short and unambiguous: 01/12/2026 in Vietnamese, 1 Dec 2026."""
        return date_format(obj.submitted_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("Text"))
    def excerpt(self, obj: Feedback) -> str:
        """The start of what was said, enough to moderate from the list."""
        return Truncator(obj.text).chars(80)

    @admin.display(description=_("About"))
    def about_display(self, obj: Feedback) -> str:
        """What the feedback is about, e.g. "Presentation: Branding Son La coffee"."""
        about = obj.about
        if about is None:
            return str(_("The workshop"))
        return f"{about._meta.verbose_name.capitalize()}: {Truncator(str(about)).chars(50)}"


@admin.register(Presentation)
class PresentationAdmin(PendingFilesNotice, HistoryAdmin, ThemedRecordAdmin):
    """The workshop's presentations, in running order, with the feedback about each."""

    list_display = ("order", "title", "speaker", "organisation", "themes", "language", "sample")
    list_display_links = ("order", "title")
    list_filter = ("sample", "language", "tags")
    search_fields = ("key", "title", "speaker", "organisation", "summary")
    ordering = ("order",)
    prepopulated_fields = {"key": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (AttachmentInline, FeedbackInline)
    fieldsets = (
        (None, {"fields": ("key", "order", "title", ("speaker", "organisation"))}),
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


@admin.register(Workshop)
class WorkshopAdmin(LocalDatesMixin, HistoryAdmin):
    """The workshop itself, shown in brief on the home page."""

    list_display = ("title", "date", "venue", "organisers")
    search_fields = ("title", "venue", "organisers", "summary")
    date_hierarchy = "date"


# The site's own name in the header and titles, and the moderation count on the front page.
admin.site.site_header = _("Son La coffee policy knowledge base")
admin.site.site_title = _("Son La coffee knowledge base")
admin.site.index_title = _("Administration")
admin.site.index_template = "admin/presentations/index.html"
