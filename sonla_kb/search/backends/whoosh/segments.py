"""The writer of index segments: Whoosh's SegmentWriter, with the project's pair fields,
and its postings kept and written in bulk (bulk.py) rather than through Whoosh's pool.

The pair fields' values are built from the document where it is indexed, so the job
files a multiprocess rebuild hands to its indexing processes do not carry the text
twice. Each field's document lengths, which the postings' blocks record, are read once
into memory when the segment is written, not once per posting.
"""

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.writing import SegmentWriter

from .bulk import COMPRESS_FROM, write_field, write_hashes
from .pool import Postings
from .schema import with_pairs
from .words import index_words


def length_bytes(perdoc, fieldname: str, count: int) -> bytes | None:
    """The length bytes of a field for each of a segment's `count` documents (zero-padded),
    or None when the segment has no lengths for it."""
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    raw = bytes(column._dbfile.get(column._basepos, column._count))
    return raw + bytes(max(0, count - len(raw)))


class KbSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter for this schema: see the module's description."""

    compress_from = COMPRESS_FROM  # blocks of fewer bytes are stored uncompressed (bulk.py)
    # zlib's level for the other blocks. Whoosh's codec says 3; level 1 makes these pickles
    # as small (100.0 against 99.7 MiB for 10,000 English records) in three quarters of
    # the time of writing them. Readers read any level.
    compression = 1

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        # Whoosh's pool spilled to disk past limitmb; these postings stay in memory, so a
        # rebuild writes a segment whenever they reach it (see full).
        self.limit_bytes = kwargs.get("limitmb", 128) * 2**20
        unsupported = [
            name for name, field in self.schema.items() if field.vector or field.separate_spelling()
        ]
        if unsupported:
            raise ValueError(f"term vectors and spelling fields are not written: {unsupported}")
        self.pool = Postings(self.schema)

    def add_document(self, **fields):
        """Add a document, with the values of its pair fields (as Whoosh's add_document,
        the postings going to the arrays of bulk.py)."""
        self._check_state()
        fields = with_pairs(fields)
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        memo: dict = {}  # the document's words by analyser and text (bulk.index_words)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    postings = self.pool.field(fieldname)
                    words = index_words(field, value, memo=memo)
                    found = postings.add_words(docnum, words, boost)
                    length = found if field.scorable else 0
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    column_value = field.to_column_value(stored)
                    perdocwriter.add_column_value(fieldname, field.column_type, column_value)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def full(self) -> bool:
        """Whether the postings held have reached the writer's memory limit (limitmb)."""
        return self.pool.nbytes >= self.limit_bytes

    def _flush_segment(self):
        # Whoosh's own _flush_segment, the postings written field by field from the arrays.
        self.perdocwriter.close()
        perdoc = self.per_document_reader() if self.codec.length_stats else None
        try:
            for fieldname in sorted(self.pool.fields):
                write_field(
                    self.fieldwriter,
                    fieldname=fieldname,
                    fieldobj=self.schema[fieldname],
                    postings=self.pool.fields[fieldname],
                    length_bytes=self._length_bytes(perdoc, fieldname),
                    blocklimit=self.codec._blocklimit,
                    compression=self.compression,
                    compress_from=self.compress_from,
                )
                del self.pool.fields[fieldname]  # free each field once written
            # The term index's hash tables, written as Whoosh's own close writes them.
            tindex = self.fieldwriter._tindex
            tindex._write_hashes = lambda: write_hashes(tindex)
            self.fieldwriter.close()
        finally:
            if perdoc:
                perdoc.close()

    def _length_bytes(self, perdoc, fieldname: str) -> np.ndarray | None:
        """Each document's length byte in the field, as stored, or None."""
        raw = length_bytes(perdoc, fieldname, self.docnum + 1) if perdoc else None
        return None if raw is None else np.frombuffer(raw, dtype=np.uint8)
