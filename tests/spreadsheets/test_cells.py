"""Cells to kb-format values and back: only the obvious readings, the rest left to the checks."""

import datetime as dt
from decimal import Decimal

import pytest

from sonla_kb.interchange.spec import Kind
from sonla_kb.spreadsheets.cells import EMPTY, from_cell, to_cell


@pytest.mark.parametrize(
    ("kind", "cell", "value"),
    [
        (Kind.DATE, dt.datetime(2026, 12, 1), "2026-12-01"),
        (Kind.DATE, dt.date(2026, 12, 1), "2026-12-01"),
        (Kind.DATE, " 2026-12-01 ", "2026-12-01"),
        (Kind.DATE, "01/12/2026", "01/12/2026"),  # passed on, for the format to refuse
        (Kind.BOOL, True, True),
        (Kind.BOOL, 0, False),
        (Kind.BOOL, "Có", True),
        (Kind.BOOL, "no", False),
        (Kind.BOOL, "maybe", "maybe"),
        (Kind.INT, 2024.0, 2024),
        (Kind.INT, "2024", 2024),
        (Kind.INT, "twenty", "twenty"),
        (Kind.NUMBER, 88.77, Decimal("88.77")),
        (Kind.NUMBER, "47.9", Decimal("47.9")),
        (Kind.NUMBER, "23,312", "23,312"),  # 23312 or 23.312: refused, not guessed
        (Kind.TEXT, 12.0, "12"),
        (Kind.TEXT, None, ""),
        (Kind.KEY, " fb-001 ", "fb-001"),
        (Kind.TAGS, "GAP; Branding ;", ["GAP", "Branding"]),
        (Kind.ABOUT, "policy: resolution-1", {"type": "policy", "key": "resolution-1"}),
        (Kind.ABOUT, "nowhere", "nowhere"),
    ],
)
def test_from_cell(kind, cell, value):
    assert from_cell(kind, cell) == value


@pytest.mark.parametrize("kind", [Kind.DATE, Kind.BOOL, Kind.INT, Kind.TAGS, Kind.ABOUT])
def test_an_empty_cell_is_not_given(kind):
    assert from_cell(kind, None) is EMPTY
    assert from_cell(kind, "  ") is EMPTY


def test_to_cell_writes_what_from_cell_reads_back():
    assert to_cell(Kind.TAGS, ["GAP", "OCOP"]) == "GAP; OCOP"
    assert from_cell(Kind.TAGS, "GAP; OCOP") == ["GAP", "OCOP"]
    about = {"type": "study", "key": "study-1"}
    assert from_cell(Kind.ABOUT, to_cell(Kind.ABOUT, about)) == about
    assert to_cell(Kind.DATE, None) == ""
