"""Errors go to stderr with the request's context: method, path, user, address and request id."""

import io
import logging

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path

from sonla_kb.request_context import RequestContextFilter

pytestmark = pytest.mark.django_db


def boom(request) -> HttpResponse:
    """A view that fails."""
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom), path("", include("sonla_kb.urls"))]


@pytest.fixture
def stderr_log():
    """What the configured stderr handler would write, captured."""
    (configured,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in h.filters)
    ]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured.formatter)
    for log_filter in configured.filters:
        handler.addFilter(log_filter)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_an_error_is_logged_with_its_request(settings, admin_user, stderr_log):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    response = client.get("/boom/?x=1", HTTP_X_REQUEST_ID="req-42", REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-42"
    text = stderr_log.getvalue()
    assert (
        "ERROR django.request [req-42 GET /boom/ user=admin ip=192.0.2.5]: Internal Server Error"
        in text
    )
    assert "RuntimeError: something broke" in text


def test_a_request_id_is_made_when_none_is_given(client, stderr_log):
    first = client.get("/no-such-page/")
    second = client.get("/no-such-page/", HTTP_X_REQUEST_ID="<script>")  # not a sane id
    assert first.status_code == second.status_code == 404
    ids = {first["X-Request-ID"], second["X-Request-ID"]}
    assert len(ids) == 2 and all(len(i) == 32 for i in ids)
    assert f"[{first['X-Request-ID']} GET /no-such-page/ user=anonymous" in stderr_log.getvalue()


def test_outside_a_request_no_context_is_added():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "message", None, None)
    assert RequestContextFilter().filter(record)
    assert record.context == ""


def test_the_logs_name_the_client_as_the_login_lockout_does(settings, stderr_log):
    settings.ROOT_URLCONF = __name__
    settings.BEHIND_PROXY = True
    client = Client(raise_request_exception=False)
    # Reached directly: the forged header is ignored.
    client.get("/boom/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
    # Through the proxy on 127.0.0.1: the address it appended is the client.
    client.get("/boom/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.4")
    text = stderr_log.getvalue()
    assert "GET /boom/ user=anonymous ip=203.0.113.7]" in text
    assert "GET /boom/ user=anonymous ip=198.51.100.4]" in text
    assert "10.9.9.9" not in text
