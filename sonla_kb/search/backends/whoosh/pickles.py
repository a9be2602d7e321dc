"""The pickle of a block of one posting, the block a rebuild writes most (most terms are
pairs of words seen once).

Whoosh stores each block of postings as a protocol 2 pickle. Protocol 2 has no bytes
type: ``pickle.dumps`` writes each value as a call to ``_codecs.encode`` on a text, which
costs twice what making the same bytes here does. They are made byte for byte as
``pickle.dumps(obj, 2)`` makes them (tests/search/backends/whoosh/test_pickles.py
compares them); any other shape goes to ``pickle.dumps``, which is faster for numbers.
"""

import struct
from pickle import dumps

_LIMIT = 1 << 31  # BININT's range: bigger numbers pickle otherwise
_FLOAT = struct.Struct(">d")
_U16 = struct.Struct("<H")
_I32 = struct.Struct("<i")
_U32 = struct.Struct("<I")
_INT1 = [b"K" + bytes([n]) for n in range(256)]
_BYTES_HEAD = b"c_codecs\nencode\nq\x01X"  # bytes, in protocol 2: _codecs.encode(text, "latin1")
_BYTES_TAIL = b"q\x02X\x06\x00\x00\x00latin1q\x03\x86q\x04Rq\x05"


def _int(n: int) -> bytes | None:
    """The opcode of a number from 0 to 2**31 - 1, as the pickler writes it."""
    if n < 256:
        return _INT1[n] if n >= 0 else None
    if n < 65536:
        return b"M" + _U16.pack(n)
    return b"J" + _I32.pack(n) if n < _LIMIT else None


def _number(x: float | int) -> bytes | None:
    if isinstance(x, float):
        return b"G" + _FLOAT.pack(x)
    return _int(x) if type(x) is int else None


def one_posting(docnum: int, weights, values) -> bytes:
    """pickle.dumps(((docnum,), weights, values), 2): a block of one posting, its weights
    None or a number, its values None, bytes, or one bytes in a tuple."""
    doc = _int(docnum)
    weight = b"N" if weights is None else _number(weights)
    if doc is None or weight is None:
        return dumps(((docnum,), weights, values), 2)
    head = b"\x80\x02" + doc + b"\x85q\x00" + weight
    if values is None:
        return head + b"N\x87q\x01."
    one = values[0] if isinstance(values, tuple) and len(values) == 1 else values
    if not isinstance(one, bytes) or not one:
        return dumps(((docnum,), weights, values), 2)
    text = one.decode("latin-1").encode("utf-8")
    encoded = _BYTES_HEAD + _U32.pack(len(text)) + text + _BYTES_TAIL
    if one is values:
        return head + encoded + b"\x87q\x06."
    return head + encoded + b"\x85q\x06\x87q\x07."
