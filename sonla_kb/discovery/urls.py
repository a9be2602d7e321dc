"""Atom feeds, sitemap.xml and robots.txt."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("feeds/policies/", feeds.PolicyFeed(), name="feed-policies"),
    path("feeds/presentations/", feeds.PresentationFeed(), name="feed-presentations"),
    path("feeds/feedback/", feeds.FeedbackFeed(), name="feed-feedback"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "discovery/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
