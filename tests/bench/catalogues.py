"""Writing gettext catalogues (.mo files) for the corpus tests, without gettext tools."""

import struct
from pathlib import Path

HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"


def write_mo(path: Path, messages: dict[str, str], plurals: dict[str, list[str]] = ()) -> Path:
    """Write a GNU .mo file: msgid -> msgstr, and msgid -> plural msgstrs (msgid_plural "s")."""
    entries = {"": HEADER, **messages}
    raw = {key.encode(): value.encode() for key, value in entries.items()}
    for msgid, forms in dict(plurals).items():
        raw[f"{msgid}\0{msgid}s".encode()] = "\0".join(forms).encode()
    keys = sorted(raw)
    start = 7 * 4 + 16 * len(keys)
    ids, strs = b"", b""
    id_table, str_table = [], []
    for key in keys:
        id_table.append((len(key), start + len(ids)))
        ids += key + b"\0"
    for key in keys:
        str_table.append((len(raw[key]), start + len(ids) + len(strs)))
        strs += raw[key] + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    for length, offset in id_table + str_table:
        out += struct.pack("<2I", length, offset)
    path.write_bytes(out + ids + strs)
    return path
