"""The theme vocabulary shared by every record, through django-taggit."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase


class Theme(TagBase):
    """A policy theme (GAP, Branding, ...): English name, Vietnamese name, slug, description."""

    name_vi = models.CharField(_("Vietnamese name"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_vi = models.CharField(_("description in Vietnamese"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def slugify(self, tag, i=None):
        """Make an ASCII slug, folding Vietnamese letters (đ has no decomposition)."""
        base = slugify(tag.replace("đ", "d").replace("Đ", "D")) or "theme"
        return f"{base}-{i}" if i is not None else base

    def get_absolute_url(self) -> str:
        """The theme's public page."""
        from django.urls import reverse

        return reverse("theme-detail", kwargs={"slug": self.slug})


class ThemedItem(GenericTaggedItemBase):
    """Links any record to a theme."""

    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="items")

    class Meta:
        verbose_name = _("theme link")
        verbose_name_plural = _("theme links")
        indexes = [models.Index(fields=["content_type", "object_id"])]


def ThemesField() -> TaggableManager:
    """The themes field every record carries."""
    return TaggableManager(
        through=ThemedItem,
        blank=True,
        verbose_name=_("themes"),
        help_text=_("Themes this record is about."),
    )
