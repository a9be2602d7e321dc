"""Admin of the theme vocabulary, and the themes box every record's admin form shares."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from .themes import Theme

# Records are themed with Theme only; taggit's own Tag table stays empty, so hide it from staff.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


def titled_filter(title) -> type[admin.FieldListFilter]:
    """A field's usual list filter under another title, e.g. "By publication status"."""

    class TitledFilter(admin.FieldListFilter):
        def __new__(cls, field, request, params, model, model_admin, field_path):
            spec = admin.FieldListFilter.create(
                field, request, params, model, model_admin, field_path=field_path
            )
            spec.title = title
            return spec

    return TitledFilter


class ThemesAutocompleteMixin:
    """Choose a record's themes in an autocomplete box rather than taggit's comma-separated text.

    Saving needs nothing more: the form's save_m2m() hands the chosen themes to
    TaggableManager.save_form_data(), which calls obj.tags.set(themes), so m2m_changed fires.
    """

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        """A multiple choice of Theme, searched through ThemeAdmin, for the themes field."""
        if isinstance(db_field, TaggableManager):
            return forms.ModelMultipleChoiceField(
                queryset=Theme.objects.order_by("name"),
                required=False,
                label=_("Themes"),
                help_text=_("Type to find a theme; add new themes under Themes."),
                widget=AutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ThemedRecordAdmin(ThemesAutocompleteMixin, admin.ModelAdmin):
    """A record with themes: autocomplete themes and a themes column without a query per row."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Prefetch themes for the themes column."""
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("Themes"))
    def themes(self, obj) -> str:
        """The record's themes, comma-separated."""
        return ", ".join(theme.name for theme in obj.tags.all()) or "—"


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """The theme vocabulary; its search also feeds every record's themes autocomplete box."""

    list_display = ("name", "name_vi", "slug", "description", "record_count")
    search_fields = ("name", "name_vi", "slug", "description", "description_vi")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fields = ("name", "name_vi", "slug", "description", "description_vi")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Count each theme's records (all of them, unpublished feedback included)."""
        return super().get_queryset(request).annotate(record_count=Count("items"))

    @admin.display(description=_("Records"), ordering="record_count")
    def record_count(self, obj: Theme) -> int:
        """How many records carry the theme."""
        return obj.record_count


# The glossary's admin lives with the glossary; importing it here registers it.
from .glossary import admin as glossary_admin  # noqa: E402, F401
