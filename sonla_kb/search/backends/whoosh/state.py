"""The state of the Whoosh index, as far as a page can show it.

Record pages show related records and, from `?hl=`, where the words are in the files:
both come from the index, which follows the database a moment later (or much later, if
the writer was busy or the index was being rebuilt). A page rendered before the index
caught up must not outlive that moment, so the index's state is part of every key.

Every Whoosh commit writes a table of contents under a new name, and a rebuild switches
to a new generation folder: the generation's name and the names of its files change
whenever what a search can see changes. One read and one directory listing.
"""

import hashlib
import os

from .storage import IndexUnavailable, current_generation, index_root


def index_state() -> str:
    """A short token that changes whenever the search index's content may have changed."""
    try:
        generation = current_generation(index_root())
        if generation is None:
            return "none"
        names = sorted(os.listdir(generation))
    except (IndexUnavailable, OSError):
        return "unavailable"
    digest = hashlib.blake2b("\0".join([generation.name, *names]).encode(), digest_size=8)
    return digest.hexdigest()
