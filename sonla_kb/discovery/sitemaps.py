"""sitemap.xml: the public pages and every record's page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from policies.models import PolicyMeasure, Study
from presentations.models import Presentation
from sonla_kb.selectors import public_themes


class PagesSitemap(Sitemap):
    """The site's own pages."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        """The URL names of the public pages (the study's only once it exists)."""
        names = ["home", "policy-list", "presentation-list", "feedback-list", "theme-list"]
        if Study.objects.exists():
            names.insert(3, "study")
        return names

    def location(self, item: str) -> str:
        """The page's path."""
        return reverse(item)


class PolicySitemap(Sitemap):
    """Every policy measure."""

    changefreq = "monthly"

    def items(self):
        """Policy measures in key order."""
        return PolicyMeasure.objects.order_by("key")

    def lastmod(self, item):
        """When the record last changed."""
        return item.updated_at


class PresentationSitemap(Sitemap):
    """Every presentation."""

    changefreq = "monthly"

    def items(self):
        """Presentations in running order."""
        return Presentation.objects.order_by("order")

    def lastmod(self, item):
        """When the record last changed."""
        return item.updated_at


class ThemeSitemap(Sitemap):
    """Every public theme's page."""

    changefreq = "weekly"

    def items(self):
        """Public themes A to Z."""
        return public_themes().order_by("name")


SITEMAPS = {
    "pages": PagesSitemap,
    "policies": PolicySitemap,
    "presentations": PresentationSitemap,
    "themes": ThemeSitemap,
}
