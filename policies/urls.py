"""URLs (filled in by its owner)."""

urlpatterns = []
