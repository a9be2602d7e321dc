"""The site's URLs: the public pages, search and its API, and the staff admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("sonla_kb.site_urls")),
    path("", include("sonla_kb.attachments.urls")),
    path("", include("sonla_kb.discovery.urls")),
    path("", include("sonla_kb.search_urls")),
    path("", include("sonla_kb.opendata.urls")),
    path("policies/", include("policies.urls")),
    path("", include("presentations.urls")),
    path("admin/", admin.site.urls),
]
