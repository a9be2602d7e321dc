"""Helpers of the page cache's tests."""

import re

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The one CSRF token in a page (its language switcher's)."""
    (token,) = set(TOKEN.findall(html))
    return token
