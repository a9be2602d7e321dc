"""CSV cells never start a spreadsheet formula (OWASP CSV injection)."""

from decimal import Decimal

import pytest

from sonla_kb.csvsafe import safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        # After what a spreadsheet skips: spaces, line breaks, invisible characters.
        (' =HYPERLINK("http://evil","x")', '\' =HYPERLINK("http://evil","x")'),
        ("   +1+1", "'   +1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\u00a0=1+1", "'\u00a0=1+1"),  # no-break space
        ("\u3000=1+1", "'\u3000=1+1"),  # ideographic space
        ("\u200b=1+1", "'\u200b=1+1"),  # zero-width space
        ("\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"),  # byte order mark
        (" \t-2+3", "' \t-2+3"),
        # Full-width and small forms of the signs.
        ("＝1+1", "'＝1+1"),
        ("＋1+1", "'＋1+1"),
        ("－2+3", "'－2+3"),
        ("＠SUM(A1:A2)", "'＠SUM(A1:A2)"),
        ("﹦1+1", "'﹦1+1"),
        ("　＝HYPERLINK(1)", "'　＝HYPERLINK(1)"),
        # A sign followed by more than a number is a formula.
        ("-5+A1", "'-5+A1"),
        ("-1e3", "'-1e3"),
        ("+84 912 345 678", "'+84 912 345 678"),
    ],
)
def test_formulas_are_defused(value, cell):
    assert safe_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Cà phê Sơn La", "Cà phê Sơn La"),
        ("Decision 1234/QĐ-UBND", "Decision 1234/QĐ-UBND"),
        ("a = b", "a = b"),
        ("", ""),
        (None, ""),
        (-5, "-5"),
        (Decimal("-1.5"), "-1.5"),
        (2019, "2019"),
        (True, "True"),
        ("<script>", "<script>"),
        # Text that is only a signed number is a number to a spreadsheet, not a formula.
        ("-5", "-5"),
        ("+84", "+84"),
        ("-1.5", "-1.5"),
        ("-12,5%", "-12,5%"),
        (" -5", " -5"),
        ("Sơn La - Điện Biên", "Sơn La - Điện Biên"),
        ("e-mail: a@b.vn", "e-mail: a@b.vn"),
        ("   ", "   "),
    ],
)
def test_other_values_are_kept(value, cell):
    assert safe_cell(value) == cell


def test_rows():
    assert safe_row(["=1", "ok", 3]) == ["'=1", "ok", "3"]
