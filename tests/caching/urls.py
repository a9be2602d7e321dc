"""Pages made to try the cache's guards: one per thing a page must never share."""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import include, path

from sonla_kb.caching import cached_page

TEMPLATE = engines["django"].from_string(
    '<p>{{ request.user.get_username|default:"anonymous" }}</p>'
    '<script nonce="{{ request.csp_nonce }}"></script>'
)


@cached_page
def greeting(request: HttpRequest) -> HttpResponse:
    """Names the visitor, so a page stored for one would greet the next wrongly."""
    name = request.user.get_username() if request.user.is_authenticated else "anonymous"
    return HttpResponse(f"<p>Hello {name}</p>")


@cached_page
def with_nonce(request: HttpRequest) -> HttpResponse:
    """Holds the CSP nonce of its response, as an inline script would."""
    return HttpResponse(TEMPLATE.render({}, request))


@cached_page
def with_raw_token(request: HttpRequest) -> HttpResponse:
    """Puts a CSRF token in the page without the template tag."""
    return HttpResponse(f'<meta name="csrf" content="{get_token(request)}">')


urlpatterns = [
    path("greeting/", greeting),
    path("nonce/", with_nonce),
    path("raw-token/", with_raw_token),
    path("", include("sonla_kb.urls")),
]
