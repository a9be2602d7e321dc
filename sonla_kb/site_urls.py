"""The site's own pages: home, the study and the themes."""

from django.urls import path

from policies import views as policy_views

from . import views
from .exports import views as exports

urlpatterns = [
    path("", views.home, name="home"),
    path("study/", policy_views.study, name="study"),
    path("study/cite.bib", exports.study_cite, {"fmt": "bib"}, name="study-cite-bib"),
    path("study/cite.ris", exports.study_cite, {"fmt": "ris"}, name="study-cite-ris"),
    path("study/cite.json", exports.study_cite, {"fmt": "json"}, name="study-cite-csl"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<str:slug>/", views.theme_detail, name="theme-detail"),
]
