"""Policy register URLs, mounted at /policies/."""

from django.urls import path

from sonla_kb.exports import views as exports

from . import views

urlpatterns = [
    path("", views.policy_list, name="policy-list"),
    path("export.<str:fmt>", exports.policy_list_export, name="policy-list-export"),
    path("<slug:key>/", views.policy_detail, name="policy-detail"),
    path("<slug:key>/cite.bib", exports.policy_cite, {"fmt": "bib"}, name="policy-cite-bib"),
    path("<slug:key>/cite.ris", exports.policy_cite, {"fmt": "ris"}, name="policy-cite-ris"),
    path("<slug:key>/cite.json", exports.policy_cite, {"fmt": "json"}, name="policy-cite-csl"),
]
