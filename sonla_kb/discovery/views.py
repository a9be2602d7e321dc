"""robots.txt: everything public may be crawled; the admin, the APIs and downloads may not."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

DISALLOWED = ("/admin/", "/api/", "/i18n/", "/search/", "/policies/export.")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawling rules, and where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
