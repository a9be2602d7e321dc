"""Staff admin of the workshop, its presentations and the delegates' feedback."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sonla_kb.admin import ThemedRecordAdmin, ThemesAutocompleteMixin
from sonla_kb.attachments.admin import AttachmentInline, PendingFilesNotice
from sonla_kb.history_admin import HistoryAdmin

from .models import Feedback, Presentation, Workshop


def set_published(queryset: QuerySet[Feedback], *, published: bool) -> int:
    """Publish or unpublish feedback one row at a time, so post_save (and the index) follows."""
    changed = 0
    with transaction.atomic():
        for feedback in queryset.filter(published=not published).order_by("pk"):
            feedback.published = published
            feedback.save(update_fields=["published", "updated_at"])
            changed += 1
    return changed


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


class FeedbackInline(ThemesAutocompleteMixin, admin.StackedInline):
    """The feedback about a study, presentation or policy measure, under that record."""

    model = Feedback
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
class FeedbackAdmin(HistoryAdmin, ThemedRecordAdmin):
    """Moderate what delegates said: publish, unpublish, attach to a record, theme."""

    list_display = (
        "key",
        "author",
        "organisation",
        "excerpt",
        "about_display",
        "submitted_on",
        "published",
        "sample",
        "themes",
    )
    list_display_links = ("key", "author")
    list_filter = (AboutListFilter, "published", "sample", "language", "tags")
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

    @admin.display(description=_("Text"))
    def excerpt(self, obj: Feedback) -> str:
        """The start of what was said, enough to moderate from the list."""
        return Truncator(obj.text).chars(100)

    @admin.display(description=_("About"))
    def about_display(self, obj: Feedback) -> str:
        """What the feedback is about, e.g. "Presentation: Branding Son La coffee"."""
        about = obj.about
        if about is None:
            return str(_("The workshop"))
        return f"{about._meta.verbose_name.capitalize()}: {about}"


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
        (_("Labelling"), {"fields": ("sample", "created_at", "updated_at")}),
    )


@admin.register(Workshop)
class WorkshopAdmin(HistoryAdmin):
    """The workshop itself, shown in brief on the home page."""

    list_display = ("title", "date", "venue", "organisers")
    search_fields = ("title", "venue", "organisers", "summary")
    date_hierarchy = "date"
