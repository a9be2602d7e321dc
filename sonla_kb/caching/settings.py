"""The page cache's settings, with their defaults."""

from django.conf import settings

DEFAULT_SECONDS = 24 * 3600


def enabled() -> bool:
    """True when pages are cached (PAGE_CACHE; off in development, where templates change)."""
    return bool(getattr(settings, "PAGE_CACHE", True))


def cache_alias() -> str:
    """The alias, in CACHES, of the cache that every worker shares."""
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


def timeout() -> int:
    """Seconds a stored page is kept: a bound on memory, not on staleness."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS))
