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
    ],
)
def test_other_values_are_kept(value, cell):
    assert safe_cell(value) == cell


def test_rows():
    assert safe_row(["=1", "ok", 3]) == ["'=1", "ok", "3"]
