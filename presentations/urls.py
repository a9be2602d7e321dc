"""Presentation and feedback URLs, mounted at the site root."""

from django.urls import path

from . import views

urlpatterns = [
    path("presentations/", views.presentation_list, name="presentation-list"),
    path("presentations/<slug:key>/", views.presentation_detail, name="presentation-detail"),
    path("feedback/", views.feedback_list, name="feedback-list"),
]
