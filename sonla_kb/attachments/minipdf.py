"""A very small PDF writer: pages of plain text lines in Helvetica (pure, deterministic).

pypdf reads PDFs well but cannot lay out text, so the sample files and the tests write
their PDFs with this. Text is encoded as WinAnsi (cp1252): enough for English.
"""

from collections.abc import Sequence

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, LEADING, FONT_SIZE = 60, 16, 11


def _literal(text: str) -> bytes:
    """A PDF string literal: cp1252 bytes with \\, ( and ) escaped."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_stream(lines: Sequence[str]) -> bytes:
    top = PAGE_HEIGHT - MARGIN
    ops = [f"BT /F1 {FONT_SIZE} Tf {LEADING} TL {MARGIN} {top} Td".encode()]
    for i, line in enumerate(lines):
        ops.append((b"" if i == 0 else b"T* ") + _literal(line) + b" Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


def build_pdf(
    pages: Sequence[Sequence[str]],
    *,
    title: str = "",
    drawings: Sequence[int] = (),
) -> bytes:
    """A PDF with one page per list of lines; pages whose index is in `drawings` hold only a
    filled rectangle and no text (as a scanned page holds only an image)."""
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for index, lines in enumerate(pages):
        stream = b"0.55 g 60 300 475 420 re f" if index in drawings else _text_stream(lines)
        contents = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, PAGE_WIDTH, PAGE_HEIGHT, font, contents)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    kid_refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    info = add(b"<< /Title " + _literal(title) + b" /Producer (sonla-kb minipdf) >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        catalog,
        info,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
