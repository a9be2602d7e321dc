"""Search: the page, the JSON endpoint, and completion for the search box."""

from django.urls import path

from . import search_views
from .exports import views as exports

urlpatterns = [
    path("search/", search_views.search_page, name="search"),
    path("search/export.<str:fmt>", exports.search_export, name="search-export"),
    path("api/search/", search_views.search_api, name="api-search"),
    path("api/suggest/", search_views.suggest_api, name="api-suggest"),
]
