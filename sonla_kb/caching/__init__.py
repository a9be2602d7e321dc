"""Rendered pages kept in the cache every worker shares, and never served stale.

A page is stored under the *generation* it was rendered in: a random token in the
shared cache, replaced after every commit that changes content (signals.py), together
with the state of the search index and the version of the code. A request reads the
generation before it renders, so a page is only ever served to a request that began
after everything the page shows had committed.
"""

from .generation import content_changed, current_generation, new_generation
from .pages import cached_page

__all__ = ["cached_page", "content_changed", "current_generation", "new_generation"]
