"""gunicorn's own error pages (a malformed request, headers too large) with the site's headers.

gunicorn answers such requests itself, before any WSGI application runs, through
`gunicorn.util.write_error`, which writes only Connection, Content-Type and
Content-Length. `install()` puts a writer in its place that sends the same page with
the headers of security_headers(); the gunicorn settings call it, in every worker.
"""

import html

from gunicorn import util


def error_headers() -> dict[str, str]:
    """The site's security headers, or a strict fixed set before Django is set up."""
    from django.conf import settings

    if settings.configured:
        from sonla_kb.security_headers import security_headers

        return security_headers()
    from sonla_kb.security_headers import PERMISSIONS_POLICY

    return {
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error answer, as util.write_error writes it, plus the security headers."""
    body = (
        f"<html>\n  <head>\n    <title>{html.escape(reason)}</title>\n  </head>\n"
        f"  <body>\n    <h1><p>{html.escape(reason)}</p></h1>\n    {html.escape(mesg)}\n"
        "  </body>\n</html>\n"
    ).encode("latin1", "replace")
    try:
        extra = error_headers()
    except Exception:  # a broken setting must not stop the error answer itself
        extra = {}
    lines = [
        f"HTTP/1.1 {status_int} {reason}",
        "Connection: close",
        "Content-Type: text/html; charset=iso-8859-1",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in extra.items()),
    ]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin1", "replace")
    util.write_nonblock(sock, head + body)


def install() -> None:
    """Make gunicorn write its error pages with write_error."""
    util.write_error = write_error
