"""The state of the search index, as far as a page can show it.

Record pages show related records and, from `?hl=`, where the words are in the files:
both come from the search backend. A page rendered before the index caught up must not
outlive that moment, so the index's state is part of every key; each backend says what
its state is (a Whoosh generation and its files, PostgreSQL's last indexed change).
"""

from sonla_kb.search import index_state

__all__ = ["index_state"]
