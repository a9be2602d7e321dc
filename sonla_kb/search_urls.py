"""Search: the page, the JSON endpoint, and completion for the search box."""

from django.urls import path

from . import search_views

urlpatterns = [
    path("search/", search_views.search_page, name="search"),
    path("api/search/", search_views.search_api, name="api-search"),
    path("api/suggest/", search_views.suggest_api, name="api-suggest"),
]
