"""Whether the index on disk was written with an older schema than the code's.

Whoosh refuses a document with a field its index does not know: after the schema gains a
field, the index must be rebuilt once before changes can reach it again.
"""

from pathlib import Path

from whoosh import index as whoosh_index

from . import storage
from .schema import build_schema


def missing_fields(root: Path | None = None) -> list[str]:
    """Fields of the current schema that the index lacks (none when there is no index yet)."""
    root = root or storage.index_root()
    try:
        generation = storage.current_generation(root)
        if generation is None:
            return []
        indexed = set(whoosh_index.open_dir(str(generation)).schema.names())
    except Exception:  # an unreadable index is check()'s to report and repair
        return []
    return sorted(set(build_schema().names()) - indexed)
