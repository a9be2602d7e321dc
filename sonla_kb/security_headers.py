"""The security headers every response carries, pages or not.

Django's middleware adds them to the pages, but a static file answered by WhiteNoise
leaves the chain before the frame and content-security middleware, and gunicorn writes
its own error pages (a malformed request line, headers too large) without Django at all.
`security_headers()` is the one list; the middleware and gunicorn's error page use it.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# What a response lacks when it skipped some of the middleware (HSTS aside, which
# SecurityMiddleware, outside WhiteNoise, always adds when it applies).
PAGE_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def security_headers() -> dict[str, str]:
    """The headers and values, as the settings make them for the site's pages."""
    from csp.utils import build_policy

    headers = {
        "Content-Security-Policy": build_policy(),
        "X-Frame-Options": getattr(settings, "X_FRAME_OPTIONS", "DENY"),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "same-origin",
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    if settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers["Strict-Transport-Security"] = hsts
    return headers


class SecurityHeadersMiddleware:
    """Add any of security_headers() that a response lacks (a static file, for one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages need their inline styles (as django-csp)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)  # no middleware sets it
        if all(name in response for name in PAGE_HEADERS):
            return response  # a page: Django's middleware has set them all
        for name, value in security_headers().items():
            if name == "Strict-Transport-Security" and not request.is_secure():
                continue  # as SecurityMiddleware: HSTS means nothing over plain HTTP
            response.setdefault(name, value)
        return response
