"""The writer of index segments: Whoosh's, adding the pair fields itself, and writing the
postings with each field's document lengths read once into memory.

Whoosh writes a segment's postings one by one, and asks for the document's length in
the field for each (a seek and a read in the lengths column per posting: a tenth of a
rebuild). Here each field's lengths are read whole, once. The pair fields' values are
built from the document where it is indexed, so the job files a multiprocess rebuild
hands to its indexing processes do not carry the text twice.
"""

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from .schema import with_pairs


def length_bytes(perdoc, fieldname: str, count: int) -> bytes | None:
    """The length bytes of a field for each of a segment's `count` documents (zero-padded),
    or None when the segment has no lengths for it."""
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    raw = bytes(column._dbfile.get(column._basepos, column._count))
    return raw + bytes(max(0, count - len(raw)))


class _LengthsInMemory:
    """A segment's per-document reader, but doc_field_length answers from memory."""

    def __init__(self, perdoc, count: int):
        self._perdoc = perdoc
        self._count = count
        self._lengths: dict[str, list[int | None] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        if fieldname not in self._lengths:
            raw = length_bytes(self._perdoc, fieldname, self._count + 1)
            # As Whoosh's reader: a zero byte reads as None.
            self._lengths[fieldname] = (
                None if raw is None else [byte_to_length(b) if b else None for b in raw]
            )
        lengths = self._lengths[fieldname]
        return default if lengths is None else lengths[docnum]

    def close(self) -> None:
        self._perdoc.close()


class KbSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter for this schema: see the module's description."""

    def add_document(self, **fields):
        """Add a document, with the values of its pair fields."""
        super().add_document(**with_pairs(fields))

    def _flush_segment(self):
        # Whoosh's own _flush_segment, with the lengths read from memory.
        self.perdocwriter.close()
        pdr = None
        if self.codec.length_stats:
            pdr = _LengthsInMemory(self.per_document_reader(), self.docnum)
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, pdr, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()
