"""Who asked: a request id, the client's address behind the proxy, and both in every log line.

The middleware keeps the request in a context variable while it is answered, so that any
log record written meanwhile (an error in django.request, a warning from the search
index) carries its method, path, user, client address and request id.
"""

import ipaddress
import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

_current: ContextVar[HttpRequest | None] = ContextVar("sonla_kb_request", default=None)
# A request id handed on by the proxy (nginx's $request_id) is kept if it looks like one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (None if unknown): behind our proxy, the last X-Forwarded-For entry.

    The proxy appends the address it saw; earlier entries are whatever the client sent,
    so they are never trusted. django-axes counts failed logins by this address.
    """
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = _valid_ip(forwarded.split(",")[-1]) if forwarded else None
        if last:
            return last
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def request_id(request: HttpRequest) -> str:
    """The id of this request: the proxy's X-Request-ID when sane, else a new one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestContextMiddleware:
    """Give each request an id (echoed as X-Request-ID) and keep it at hand for the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id(request)
        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.request_id
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _user_label(request: HttpRequest) -> str:
    user = request.__dict__.get("user")
    if user is None:
        return "-"
    if getattr(user, "_wrapped", None) is empty:
        # Not looked up by the view: do it now, but a failing database must not break logging.
        try:
            user._setup()
        except Exception:
            return "?"
    if not user.is_authenticated:
        return "anonymous"
    return user.get_username()


class RequestContextFilter(logging.Filter):
    """Add ``context`` to each record: " [id METHOD /path user=… ip=…]"; "" outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = _current.get()
        if request is None:
            record.context = ""
            return True
        rid = getattr(request, "request_id", "-")
        record.context = (
            f" [{rid} {request.method} {request.path} user={_user_label(request)}"
            f" ip={client_ip(request) or '-'}]"
        )
        return True
