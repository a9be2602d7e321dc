"""Policy register URLs, mounted at /policies/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.policy_list, name="policy-list"),
    path("<slug:key>/", views.policy_detail, name="policy-detail"),
]
