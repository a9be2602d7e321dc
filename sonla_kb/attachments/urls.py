"""URLs of this package."""

from django.urls import path

from . import views

urlpatterns = [
    path("files/<int:pk>/<str:name>", views.download, name="attachment-download"),
]
