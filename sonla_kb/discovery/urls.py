"""URLs of this package."""

urlpatterns: list = []
