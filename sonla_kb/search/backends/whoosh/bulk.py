"""A segment's postings written term by term, in the bytes Whoosh's own writer writes.

Whoosh's field writer takes postings one at a time from its pool and buffers them into
blocks of 128, each pickled, compressed and summed up in its term's entry. Here each
field's postings (pool.py) are put in order with one numpy sort, and each term's blocks
are written whole, a chunk of terms at a time. The files are Whoosh's, byte for byte
when every block is compressed as Whoosh does (tests/search/backends/whoosh/test_bulk.py
compares them), so every reader of the index, Whoosh's and ours, reads them unchanged;
by default small blocks are stored uncompressed (see COMPRESS_FROM).
"""

import struct
import zlib
from array import array
from hashlib import md5
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.system import emptybytes, pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

from .pickles import one_posting
from .pool import Chunk, FieldPostings, chunks

# Blocks whose pickle is shorter are stored uncompressed (their block info says so, and
# Whoosh's reader reads either): zlib makes them no smaller, and starting a compression
# costs more than everything else a posting list of one document takes to write. Whoosh
# meant to do the same below 20 bytes, but its writer overwrites the choice.
COMPRESS_FROM = 128


def _mini_weights(weights: list[float]):
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return tuple(weights)


def _mini_values(values: list[bytes], size: int | None):
    if size is None:
        return tuple(v for v in values if v)
    return emptybytes.join(values) if size else None


_TERMINFO = struct.Struct("!BfIBBfIIqi")  # W3TermInfo's fields, then offset and length
_HEADER = struct.Struct("!ii")  # a term index entry's key and value lengths (HashWriter's)


def _term_postings(
    chunk: Chunk, k: int, *, offset: int, blocklimit: int, level: int, compress_from: int, size
) -> tuple[list[bytes], bytes]:
    """Term k's blocks, and its W3TermInfo's bytes (its postings written at `offset`), as
    W3PostingsWriter and W3TermInfo make them."""
    a0, b0 = chunk.bounds[k], chunk.bounds[k + 1]
    if b0 - a0 == 1:
        return _one_posting(
            chunk, a0, offset=offset, level=level, compress_from=compress_from, size=size
        )
    docs, weights, lengths = chunk.docs, chunk.weights, chunk.lengths
    parts = [WHOOSH3_HEADER_MAGIC]
    written = len(WHOOSH3_HEADER_MAGIC)
    # What W3TermInfo.add_block gathers, from TermInfo's starting values.
    total, minlength, maxlength, maxweight = 0, None, 0, 0
    for a in range(a0, b0, blocklimit):
        b = min(a + blocklimit, b0)
        block_weights = weights[a:b]
        given = [n for n in lengths[a:b] if n]
        low = min(given) if given else None
        high = max(given) if given else 0
        top = max(block_weights)
        top = top if top > 0 else 0
        total += sum(block_weights)
        minlength = low if minlength is None else min(minlength, low)
        maxlength = max(maxlength, high)
        maxweight = max(maxweight, top)
        data = dumps(
            (
                tuple(chunk.deltas[a:b]),
                _mini_weights(block_weights),
                _mini_values(chunk.values[a:b], size),
            ),
            2,
        )
        comp = level if len(data) >= compress_from else 0
        if comp:
            data = zlib.compress(data, comp)
        info = dumps((b - a, docs[b - 1], top, comp, length_to_byte(low), length_to_byte(high)), 2)
        blocklength = len(info) + len(data)
        parts += (pack_int(-blocklength if b == b0 else blocklength), info, data)
        written += 4 + blocklength
    terminfo = _TERMINFO.pack(
        0,
        total,
        b0 - a0,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        maxweight,
        docs[a0],
        docs[b0 - 1],
        offset,
        written,
    )
    return parts, terminfo


def _one_posting(
    chunk: Chunk, at: int, *, offset: int, level: int, compress_from: int, size
) -> tuple[list[bytes], bytes]:
    """_term_postings for a term of one posting (most terms: pairs seen once), shortened."""
    doc, weight, byte = chunk.docs[at], chunk.weights[at], chunk.length_bytes[at]
    value = chunk.values[at]  # as _mini_values makes it of a block of one:
    if size is None:
        value = (value,) if value else ()
    elif not size:
        value = None
    data = one_posting(doc, None if weight == 1.0 else weight, value)
    comp = level if len(data) >= compress_from else 0
    if comp:
        data = zlib.compress(data, comp)
    top = weight if weight > 0 else 0
    info = dumps((1, doc, top, comp, byte, byte), 2)
    blocklength = len(info) + len(data)
    terminfo = _TERMINFO.pack(0, weight, 1, byte, byte, top, doc, doc, offset, blocklength + 8)
    return [WHOOSH3_HEADER_MAGIC, pack_int(-blocklength), info, data], terminfo


def write_field(
    fieldwriter,
    *,
    fieldname: str,
    fieldobj,
    postings: FieldPostings,
    length_bytes: np.ndarray | None,
    blocklimit: int,
    compression: int,
    compress_from: int = COMPRESS_FROM,
) -> None:
    """Write one field's terms and postings through Whoosh's W3FieldWriter's files, as its
    own add/finish_term would (length_bytes: each document's length in the field, as
    stored, or None),
    but for blocks shorter than `compress_from` bytes, stored uncompressed."""
    fieldwriter.start_field(fieldname, fieldobj)
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    prefix = pack_ushort(fieldwriter._fieldid)
    size = postings.value_size
    for chunk in chunks(postings, length_bytes, blocklimit=blocklimit):
        offset = postfile.tell()
        parts, entries = [], []
        for k in range(len(chunk.btexts)):
            blocks, terminfo = _term_postings(
                chunk,
                k,
                offset=offset,
                blocklimit=blocklimit,
                level=compression,
                compress_from=compress_from,
                size=size,
            )
            parts += blocks
            offset += sum(map(len, blocks))
            entries.append((prefix + chunk.btexts[k], terminfo))
        postfile.write(emptybytes.join(parts))
        _add_terms(tindex, entries)
    fieldwriter.finish_field()


def _add_terms(tindex, entries: list[tuple[bytes, bytes]]) -> None:
    """OrderedHashWriter.add for each (key, value), keys in order, in one write. Each
    key's hash and place go into two arrays (hashed), not Whoosh's lists of tuples: a
    hundred bytes less for each of a segment's million terms, until write_hashes."""
    dbfile = tindex.dbfile
    position = dbfile.tell()
    parts = []
    add_position = tindex.index.append
    hashes, places = hashed(tindex)
    for key, value in entries:
        add_position(position)
        head = _HEADER.pack(len(key), len(value))
        parts += (head, key, value)
        hashes.append(_md5_hash(key))
        places.append(position)
        position += len(head) + len(key) + len(value)
    dbfile.write(emptybytes.join(parts))
    if entries:
        tindex.lastkey = entries[-1][0]


def hashed(tindex) -> tuple[array, array]:
    """The hashes and places of the keys _add_terms added to a term index, in order."""
    found = getattr(tindex, "kb_hashed", None)
    if found is None:
        found = tindex.kb_hashed = (array("I"), array("Q"))
    return found


def _md5_hash(key: bytes) -> int:
    """Whoosh's md5_hash (the low 32 bits of the MD5), without the hexadecimal round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")


_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # HashWriter's pointer, "!Iq"


def write_hashes(tindex) -> None:
    """HashWriter._write_hashes for the keys _add_terms added: the same 256 tables (each
    key in its hash's bucket, in the order added, at the first free slot from its hash),
    each packed at once rather than slot by slot."""
    if any(tindex.buckets):
        raise ValueError("keys were added to this term index one by one: write them so")
    held_hashes, held_places = hashed(tindex)
    hashes = np.frombuffer(held_hashes, dtype=np.uint32)
    places = np.frombuffer(held_places, dtype=np.uint64)
    buckets = (hashes & 255).astype(np.int64)
    order = np.argsort(buckets, kind="stable")
    bounds = np.searchsorted(buckets[order], np.arange(257)).tolist()
    hashes_in_order, places_in_order = hashes[order].tolist(), places[order].tolist()
    dbfile = tindex.dbfile
    for bucket in range(256):
        a, b = bounds[bucket], bounds[bucket + 1]
        position = dbfile.tell()
        slots = 2 * (b - a)
        tindex.directory.append((position, slots))
        taken = bytearray(slots)
        table_hashes, table_places = [0] * slots, [0] * slots
        for hashed_key, at in zip(hashes_in_order[a:b], places_in_order[a:b], strict=True):
            slot = (hashed_key >> 8) % slots
            while taken[slot]:
                slot = (slot + 1) % slots
            taken[slot] = 1
            table_hashes[slot], table_places[slot] = hashed_key, at
        table = np.zeros(slots, dtype=_SLOT)
        table["hash"], table["position"] = table_hashes, table_places
        dbfile.write(table.tobytes())
