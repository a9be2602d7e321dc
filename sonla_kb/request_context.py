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


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def _trusted_proxy(address: str | None) -> bool:
    """Whether `address` is one of FORWARDED_ALLOW_IPS (addresses or networks; "*" for any)."""
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    for entry in getattr(settings, "FORWARDED_ALLOW_IPS", []):
        if entry == "*":
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a name or a typo trusts nobody
    return False


def client_address(*, remote_addr: str, forwarded_for: str) -> str | None:
    """The client's address from the socket's peer and X-Forwarded-For (None if unknown).

    X-Forwarded-For counts only with BEHIND_PROXY on and when the peer is one of the
    proxy's addresses (FORWARDED_ALLOW_IPS); then its last entry, the one the proxy
    appended, is the client. Earlier entries are whatever the client sent, so they are
    never trusted, and neither is the header from anyone who reaches the server directly.
    """
    peer = _valid_ip(remote_addr)
    if forwarded_for and getattr(settings, "BEHIND_PROXY", False) and _trusted_proxy(peer):
        last = _valid_ip(forwarded_for.split(",")[-1])
        if last:
            return last
    return peer


def client_ip(request: HttpRequest) -> str | None:
    """The request's client address (client_address); django-axes counts failed logins by it."""
    return client_address(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
    )


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
