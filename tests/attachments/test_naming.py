"""Safe file names for headers, URLs and exported folders (pure)."""

import pytest

from sonla_kb.attachments.naming import (
    ascii_name,
    content_disposition,
    extension_of,
    unicode_name,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("slides.PPTX", "pptx"), ("a.b.pdf", "pdf"), ("noext", ""), (".pdf", ""), ("x.", "")],
)
def test_extension_of(name, expected):
    assert extension_of(name) == expected


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("slides.pptx", "pptx", "slides.pptx"),
        ("Cà phê Sơn La – đặc sản.pdf", "pdf", "Ca-phe-Son-La-dac-san.pdf"),
        ('"><script>alert(1)</script>.pdf', "pdf", "script-alert-1-script.pdf"),
        ("../../etc/passwd.docx", "docx", "etc-passwd.docx"),
        ("report.html", "pdf", "report.html.pdf"),
        ("Chỉ dẫn.pdf", "pdf", "Chi-dan.pdf"),
        ("...", "pdf", "file.pdf"),
    ],
)
def test_ascii_name_is_plain_and_ends_in_the_real_type(name, kind, expected):
    assert ascii_name(name, kind=kind) == expected


def test_unicode_name_keeps_the_script_but_no_separator_or_control():
    assert unicode_name("Chỉ dẫn địa lý.pptx", kind="pptx") == "Chỉ dẫn địa lý.pptx"
    assert unicode_name('a/b\\c"d\x00e\n.pdf', kind="pdf") == "a-b-c-d-e.pdf"
    assert unicode_name("..", kind="docx") == "file.docx"


def test_content_disposition_is_an_attachment_with_both_names():
    header = content_disposition('Cà phê "x"; y.pdf', kind="pdf")
    assert header == (
        "attachment; filename=\"Ca-phe-x-y.pdf\"; filename*=UTF-8''C%C3%A0%20ph%C3%AA%20-x-%20y.pdf"
    )
    assert header.isascii()
