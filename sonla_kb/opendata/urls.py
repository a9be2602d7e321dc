"""The about page, the open data and the API's description."""

from django.urls import path

from . import views

urlpatterns = [
    path("about/", views.about, name="about"),
    path("data/", views.data, name="data"),
    path("data/kb.json", views.data_json, name="data-json"),
    path("data/kb.zip", views.data_zip, name="data-zip"),
    path("data/<str:table>.csv", views.data_csv, name="data-csv"),
    path("api/", views.api, name="api"),
    path("api/openapi.json", views.openapi_json, name="api-openapi"),
]
