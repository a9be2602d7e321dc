"""Files are judged by their content: every refused case, with a clear message."""

import io

import pytest
from django.core.exceptions import ValidationError

from sonla_kb.attachments.validation import inspect_upload

from .builders import (
    OLE_HEADER,
    encrypt_pdf,
    make_docx,
    make_pdf,
    make_pptx,
    make_zip,
    png_header,
    zip_bomb,
)
from .builders import Slide as S

pytestmark = pytest.mark.django_db


def refused(name: str, data: bytes) -> ValidationError:
    """The error inspecting this file raises."""
    with pytest.raises(ValidationError) as caught:
        inspect_upload(name=name, data=data)
    return caught.value


def test_a_good_file_of_each_kind_is_accepted(deck, report_pdf, report_docx):
    for name, data, kind in (
        ("deck.pptx", deck, "pptx"),
        ("report.PDF", report_pdf, "pdf"),
        ("report.docx", report_docx, "docx"),
    ):
        inspection = inspect_upload(name=name, data=data)
        assert inspection.kind == kind
        assert inspection.size == len(data)
        assert inspection.status == "done"


def test_content_that_is_no_document_is_refused():
    error = refused("slides.pdf", b"<html><script>alert(1)</script></html>")
    assert error.code == "unknown_type"
    assert error.messages == [
        "“slides.pdf” is refused: not a PDF, PowerPoint (PPTX) or Word (DOCX) file, nor a PNG "
        "or JPEG image: "
        "its content was not recognised."
    ]


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        (
            "report.pdf",
            lambda: make_pptx([S(title="x")]),
            "its name ends in .pdf, but its content is a PowerPoint presentation (PPTX)",
        ),
        (
            "slides.pptx",
            lambda: make_docx(["x"]),
            "its name ends in .pptx, but its content is a Word document (DOCX)",
        ),
        (
            "report.docx",
            lambda: make_pdf(["x"]),
            "its name ends in .docx, but its content is a PDF",
        ),
        (
            "report.txt",
            lambda: make_pdf(["x"]),
            "its name ends in .txt, but its content is a PDF, so its name should end in .pdf",
        ),
        (
            "report",
            lambda: make_pdf(["x"]),
            "its name has no extension, but its content is a PDF, so its name should end in .pdf",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, make, says):
    error = refused(name, make())
    assert error.code == "name_mismatch"
    assert error.messages == [f"“{name}” is refused: it is not what its name says: {says}."]


def test_an_encrypted_pdf_is_refused():
    error = refused("secret.pdf", encrypt_pdf(make_pdf(["Confidential"])))
    assert error.code == "encrypted"
    assert "encrypted (password-protected) PDF" in error.messages[0]


@pytest.mark.parametrize("name", ["locked.docx", "locked.pptx", "old.ppt"])
def test_an_ole_container_is_refused_as_encrypted_or_legacy(name):
    # Office wraps a password-protected .docx/.pptx in an OLE2 container, like old .doc/.ppt.
    error = refused(name, OLE_HEADER + b"\0" * 1000)
    assert error.code == "encrypted"
    assert "encrypted (password-protected) or old-format Office file" in error.messages[0]


def test_a_zip_with_encrypted_parts_is_refused():
    data = bytearray(make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x"}))
    # zipfile cannot write encrypted parts: set the "encrypted" flag in every header by hand.
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 0x1
            at = data.find(signature, at + 1)
    assert refused("x.docx", bytes(data)).code == "encrypted"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.pptx", lambda: make_pptx([S(title="x")])[:3000]),
        ("cut.pdf", lambda: make_pdf(["x"])[:120]),
        ("garbage.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 4),
        (
            "bad-xml.docx",
            lambda: make_zip(
                {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}
            ),
        ),
    ],
)
def test_a_damaged_file_is_refused(name, data):
    error = refused(name, data())
    assert error.code == "corrupt"
    assert "damaged" in error.messages[0]


def test_a_zip_that_is_not_an_office_document_is_refused():
    error = refused("x.docx", make_zip({"readme.txt": b"hello"}))
    assert error.code == "unknown_type"
    assert "not a PowerPoint (PPTX) or Word (DOCX) document" in error.messages[0]


def test_a_zip_bomb_is_refused_by_its_expanded_size(settings):
    settings.ATTACHMENT_MAX_EXPANDED_BYTES = 5 * 1024 * 1024
    error = refused("bomb.docx", zip_bomb(expanded=6 * 1024 * 1024))
    assert error.code == "zip_bomb"
    assert "expands to 6.0\xa0MB when unpacked; at most 5.0\xa0MB is accepted" in error.messages[0]


def test_a_zip_bomb_is_refused_by_its_ratio():
    # Under the size limit, but 2 MB of zeros packs into a few kilobytes.
    error = refused("bomb.docx", zip_bomb(expanded=2 * 1024 * 1024))
    assert error.code == "zip_bomb"
    assert "expands" in error.messages[0] and "times when unpacked" in error.messages[0]


def test_a_zip_of_too_many_parts_is_refused(settings):
    settings.ATTACHMENT_MAX_ZIP_MEMBERS = 10
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>"}
    parts.update({f"word/media/{i}.bin": b"x" for i in range(20)})
    assert refused("many.docx", make_zip(parts)).code == "zip_bomb"


def test_an_empty_file_is_refused():
    assert refused("empty.pdf", b"").messages == ["“empty.pdf” is refused: the file is empty."]


def test_the_size_limit_is_a_setting(settings, report_pdf):
    settings.ATTACHMENT_MAX_BYTES = 1000
    error = refused("big.pdf", report_pdf + b"\n" * 1000)
    assert error.code == "too_large"
    assert "files may be at most 1000\xa0bytes" in error.messages[0]


def test_an_oversized_file_object_is_refused_before_it_is_read(settings):
    settings.ATTACHMENT_MAX_BYTES = 10

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read although too large")

    with pytest.raises(ValidationError) as caught:
        inspect_upload(name="big.pdf", fileobj=Unreadable(b"%PDF-" + b"x" * 100))
    assert caught.value.code == "too_large"


def test_the_default_limit_is_50_mb(settings):
    del settings.ATTACHMENT_MAX_BYTES
    from sonla_kb.attachments.detection import max_upload_bytes

    assert max_upload_bytes() == 50 * 1024 * 1024


def test_a_zip_of_many_parts_each_under_the_part_floor_is_refused_by_its_total_ratio():
    # 190 parts of exactly 1 MiB of zeros: no single part is over the 1 MiB floor of the
    # per-part check, and 190 MiB is under the 200 MB size limit, but it packs ~860 times.
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    parts.update({f"word/media/part{i}.bin": bytes(1024 * 1024) for i in range(190)})
    data = make_zip(parts)
    error = refused("many.docx", data)
    assert error.code == "zip_bomb"
    message = error.messages[0]
    assert message.startswith("“many.docx” is refused: it expands ")
    assert "times when unpacked" in message and "at most 100 times is accepted" in message
    ratio = int(message.split("it expands ")[1].split(" times")[0])
    assert ratio > 800


def test_an_ordinary_document_passes_the_total_ratio(report_docx):
    assert inspect_upload(name="report.docx", data=report_docx).kind == "docx"


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (8000, 8000, "an image of 64 million pixels; at most 50 million are accepted"),
        (100_000, 100_000, "an image far larger than 50 million pixels"),
    ],
)
def test_an_image_bomb_is_refused_from_its_header_before_it_is_decoded(width, height, message):
    error = refused("scan.png", png_header(width=width, height=height))
    assert error.code == "image_bomb"
    assert error.messages == [f"“scan.png” is refused: {message}."]


def test_an_image_is_told_by_its_content_not_its_name():
    png = png_header(width=10, height=10)
    assert (
        "its content is a PNG image, so its name should end in .png"
        in refused("scan.txt", png).messages[0]
    )
    assert (
        "its name ends in .jpg, but its content is a PNG image"
        in refused("scan.jpg", png).messages[0]
    )
