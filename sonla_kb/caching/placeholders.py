"""What a stored page must not hold: the visitor's CSRF token and the CSP nonce.

While a page is rendered for the cache, templates see a placeholder instead of the CSRF
token (the context processor below); a CSP nonce, if a template asked for one, is
replaced by a placeholder after rendering. Each answer puts the visitor's own back.
"""

from django.http import HttpRequest
from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "__sonla_kb_csrf_token__"
NONCE_PLACEHOLDER = b"__sonla_kb_csp_nonce__"
RENDERING = "_page_cache_rendering"


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor: the placeholder as `csrf_token` while a page renders for the cache."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, RENDERING, False) else {}


def nonce_used(request: HttpRequest) -> str | None:
    """The CSP nonce if something in this request asked for it (django-csp makes it lazily)."""
    nonce = getattr(request, "_csp_nonce", None)
    return nonce if isinstance(nonce, str) else None


def blank(content: bytes, *, nonce: str | None) -> bytes:
    """The page as stored: the nonce, if any, replaced by its placeholder."""
    return content.replace(nonce.encode(), NONCE_PLACEHOLDER) if nonce else content


def fill(content: bytes, *, request: HttpRequest) -> bytes:
    """The page for this visitor: their CSRF token and this response's nonce put in."""
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if NONCE_PLACEHOLDER in content:
        # Reading the nonce makes django-csp put it in this response's header.
        content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
    return content
