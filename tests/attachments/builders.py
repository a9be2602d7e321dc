"""Small PDF, PPTX and DOCX files built in memory for the tests."""

import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader, PdfWriter

from sonla_kb.attachments.minipdf import build_pdf


@dataclass
class Slide:
    """What one test slide holds."""

    title: str = ""
    boxes: Sequence[str] = ()
    table: Sequence[Sequence[str]] = ()
    group: Sequence[str] = ()
    notes: str = ""
    extra: dict = field(default_factory=dict)


def make_pptx(slides: Sequence[Slide]) -> bytes:
    """A deck: a title, text boxes, a table, a group of boxes and speaker notes per slide."""
    deck = Presentation()
    layout = deck.slide_layouts[5]  # "Title Only"
    for spec in slides:
        slide = deck.slides.add_slide(layout)
        if spec.title:
            slide.shapes.title.text = spec.title
        top = 1.5
        for text in spec.boxes:
            slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(8), Inches(0.5)).text = text
            top += 0.6
        if spec.table:
            rows, cols = len(spec.table), len(spec.table[0])
            frame = slide.shapes.add_table(
                rows, cols, Inches(0.5), Inches(top), Inches(8), Inches(1)
            )
            for r, row in enumerate(spec.table):
                for c, value in enumerate(row):
                    frame.table.cell(r, c).text = value
            top += 1.2
        if spec.group:
            group = slide.shapes.add_group_shape()
            for i, text in enumerate(spec.group):
                box = group.shapes.add_textbox(
                    Inches(0.5 + i * 3), Inches(top), Inches(2.5), Inches(0.5)
                )
                box.text = text
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def make_docx(
    paragraphs: Sequence[str] = (),
    *,
    table: Sequence[Sequence[str]] = (),
    after_break: Sequence[str] = (),
) -> bytes:
    """A Word file: paragraphs, a table, then (if given) a page break and more paragraphs."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if after_break:
        document.add_page_break()
        for text in after_break:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(*pages: Sequence[str], drawings: Sequence[int] = ()) -> bytes:
    """A PDF with one page per list of lines (see minipdf)."""
    return build_pdf(pages, title="Test", drawings=drawings)


def encrypt_pdf(data: bytes) -> bytes:
    """The same PDF, password-protected."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP archive of these parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(*, expanded: int) -> bytes:
    """A DOCX-shaped ZIP whose main part expands to `expanded` bytes of zeros."""
    return make_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"\0" * expanded,
        }
    )


OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def slow_pdf(*, pages: int = 40, repeats: int = 100_000) -> bytes:
    """About 8 KB that pypdf takes minutes to read: every page draws one compressed content
    stream of `repeats` text operators (the file of issue 11: 2-3 s a page)."""
    content = b"BT /F1 1 Tf " + b"(a) Tj " * repeats + b"ET"
    packed = zlib.compress(content, 9)
    objects = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects.append(
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    )
    kids = []
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def scan_page(lines: Sequence[str], *, dpi: int = 300, worn: bool = False, seed: int = 0):
    """An A4 page image (Pillow) with these lines in DejaVu Sans (12 pt); a `worn` page is
    tilted, blurred and speckled like a photocopy."""
    import random

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(DEJAVU, round(12 * dpi / 72))
    image = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    top = dpi  # an inch of margin
    for line in lines:
        draw.text((dpi, top), line, font=font, fill=0)
        top += round(20 * dpi / 72)
    if worn:
        image = image.rotate(1.5, fillcolor=255).filter(ImageFilter.GaussianBlur(dpi / 250))
        speckle = random.Random(seed)  # the same specks every time
        for _ in range(image.width * image.height // 400):
            xy = (speckle.randrange(image.width), speckle.randrange(image.height))
            image.putpixel(xy, speckle.choice((0, 90, 170)))
    return image


def scanned_pdf(*pages: Sequence[str], dpi: int = 300, worn: bool = False) -> bytes:
    """A PDF of page images (scan_page) and no text layer, as a scanner makes it."""
    images = [scan_page(lines, dpi=dpi, worn=worn, seed=n) for n, lines in enumerate(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def scanned_image(lines: Sequence[str], *, dpi: int = 300, image_format: str = "PNG") -> bytes:
    """One scanned page as a PNG or JPEG file, its resolution recorded in it."""
    out = io.BytesIO()
    scan_page(lines, dpi=dpi).save(out, image_format, dpi=(dpi, dpi))
    return out.getvalue()


def png_header(*, width: int, height: int) -> bytes:
    """A PNG that declares these dimensions but holds almost nothing: an image bomb's header."""
    import struct

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def join_pdfs(*files: bytes) -> bytes:
    """One PDF with the pages of each in turn."""
    writer = PdfWriter()
    for data in files:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def huge_blank_pdf(*, inches: int = 200) -> bytes:
    """One blank page `inches` wide and high: billions of pixels if drawn at 300 dpi."""
    writer = PdfWriter()
    writer.add_blank_page(width=inches * 72, height=inches * 72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
