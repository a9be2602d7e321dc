"""`@cached_page`: a page kept in the shared cache by address and language, for visitors."""

import functools
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse

from . import placeholders
from . import settings as page_settings
from .generation import current_generation
from .index_state import index_state
from .version import code_version

log = logging.getLogger(__name__)
MAX_QUERY_LENGTH = 1000  # longer query strings are answered, not stored
LOCAL_ENTRIES = 64  # pages each worker also keeps in memory, by exact key
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


@dataclass(frozen=True)
class StoredPage:
    """A rendered page without anything particular to its visitor."""

    stamp: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def answer(self, request: HttpRequest) -> HttpResponse:
        """The page as a response to this request."""
        response = HttpResponse(
            placeholders.fill(self.content, request=request), status=self.status
        )
        for name, value in self.headers:
            response[name] = value
        return response


# Keyed by the stamp too, so an entry here is valid for as long as it is found.
_local: OrderedDict[tuple[str, str], StoredPage] = OrderedDict()


def cacheable(request: HttpRequest) -> bool:
    """True when this request may be answered from, and stored in, the shared cache."""
    return (
        page_settings.enabled()
        and request.method in ("GET", "HEAD")
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        # Inside a transaction a page may show what is not committed (or never will be).
        and not connection.in_atomic_block
        # Staff see pages of their own, and so does a visitor with a message waiting.
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def page_key(request: HttpRequest) -> str:
    """The page's key: scheme, host, path and query exactly as asked, and the language."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    language = getattr(request, "LANGUAGE_CODE", "")
    digest = hashlib.sha256(f"{language}\0{address}".encode()).hexdigest()[:40]
    return f"pages:{digest}"


def current_stamp() -> str:
    """What a stored page must have been rendered under to be served now."""
    return f"{current_generation()}:{index_state()}:{code_version()}"


def lookup(key: str, stamp: str) -> StoredPage | None:
    """The page stored under this key and stamp, from this worker's memory or the cache."""
    page = _local.get((stamp, key))
    if page is not None:
        _local.move_to_end((stamp, key))
        return page
    page = caches[page_settings.cache_alias()].get(key)
    if not isinstance(page, StoredPage) or page.stamp != stamp:
        return None
    remember(key, page)
    return page


def remember(key: str, page: StoredPage) -> None:
    """Keep a page in this worker's memory too."""
    _local[(page.stamp, key)] = page
    _local.move_to_end((page.stamp, key))
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def storable(request: HttpRequest, response: HttpResponse, *, csrf_before: bool) -> bool:
    """True when the response is the same for every anonymous visitor in this language."""
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not (session is not None and session.modified)
        # Something asked for the real CSRF token, bypassing the placeholder.
        and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) == csrf_before
    )


def render_and_store(
    view: Callable, request: HttpRequest, *, key: str, stamp: str, args: tuple, kwargs: dict
) -> HttpResponse:
    """Render the page with placeholders, store it if it is anyone's, answer this visitor."""
    csrf_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    setattr(request, placeholders.RENDERING, True)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        setattr(request, placeholders.RENDERING, False)
    if not isinstance(response, HttpResponse):
        return response  # a streaming response never holds a placeholder
    content = placeholders.blank(response.content, nonce=placeholders.nonce_used(request))
    if storable(request, response, csrf_before=csrf_before):
        headers = tuple((n, response[n]) for n in KEPT_HEADERS if response.has_header(n))
        page = StoredPage(stamp=stamp, status=200, headers=headers, content=content)
        try:
            caches[page_settings.cache_alias()].set(key, page, timeout=page_settings.timeout())
            remember(key, page)
        except Exception:
            log.exception("A page could not be stored in the cache")
    response.content = placeholders.fill(content, request=request)
    return response


def cached_page(view: Callable) -> Callable:
    """Answer a view from the shared page cache when the same page may be shown again."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        try:
            key, stamp = page_key(request), current_stamp()
            page = lookup(key, stamp)
        except Exception:
            # A cache that cannot be read must not take the site with it: render.
            log.exception("The page cache could not be read")
            return view(request, *args, **kwargs)
        if page is not None:
            return page.answer(request)
        return render_and_store(view, request, key=key, stamp=stamp, args=args, kwargs=kwargs)

    return wrapper
