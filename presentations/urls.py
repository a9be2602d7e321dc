"""Presentation and feedback URLs, mounted at the site root."""

from django.urls import path

from sonla_kb.exports import views as exports

from . import views

urlpatterns = [
    path("presentations/", views.presentation_list, name="presentation-list"),
    path("presentations/<slug:key>/", views.presentation_detail, name="presentation-detail"),
    path(
        "presentations/<slug:key>/cite.bib",
        exports.presentation_cite,
        {"fmt": "bib"},
        name="presentation-cite-bib",
    ),
    path(
        "presentations/<slug:key>/cite.ris",
        exports.presentation_cite,
        {"fmt": "ris"},
        name="presentation-cite-ris",
    ),
    path(
        "presentations/<slug:key>/cite.json",
        exports.presentation_cite,
        {"fmt": "json"},
        name="presentation-cite-csl",
    ),
    path("feedback/", views.feedback_list, name="feedback-list"),
]
