"""A small reader of gettext .po files: enough to check a catalogue without gettext tools."""

import ast
import re
from dataclasses import dataclass, field

_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@dataclass
class Entry:
    """One message of the catalogue."""

    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # None (singular) or plural index -> text
    flags: set = field(default_factory=set)
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        """Every form has a translation."""
        return bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text: str) -> str:
    # A .po string is a C string literal; for the escapes gettext writes, Python's agree.
    return ast.literal_eval(text)


def parse(text: str) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") included."""
    entries, current, target = [], None, None
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, target = None, None
            continue
        if current is None:
            current = Entry()
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match:
            keyword, index, value = match.groups()
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index) if index is not None else None)
                current.msgstr[target[1]] = _unquote(value)
            else:
                target = (keyword, None)
                setattr(current, keyword, _unquote(value))
        elif line.startswith('"') and target is not None:
            if target[0] == "msgstr":
                current.msgstr[target[1]] += _unquote(line)
            else:
                setattr(current, target[0], getattr(current, target[0]) + _unquote(line))
    return entries
