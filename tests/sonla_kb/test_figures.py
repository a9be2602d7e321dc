"""format_indicator: pure, no database."""

from decimal import Decimal

import pytest

from sonla_kb.figures import format_indicator, format_number


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("23312.0000"), "ha", "23,312 ha"),
        (Decimal("47.9000"), "%", "47.9 %"),
        (Decimal("88.7700"), "million USD", "USD 88.77 million"),
        (Decimal("30000"), "tonnes", "30,000 tonnes"),
        (Decimal("31700"), "tonnes", "31,700 tonnes"),
        (73, "%", "73 %"),
        (47.9, "%", "47.9 %"),
        (5, "", "5"),
        (Decimal("1.5"), "billion VND", "VND 1.5 billion"),
        (Decimal("1.5"), "Million USD", "USD 1.5 million"),
        (Decimal("1250"), "USD", "USD 1,250"),
        (Decimal("2"), "million tonnes", "2 million tonnes"),
        (Decimal("2"), "million ton", "2 million ton"),
        (Decimal("-1234.50"), "ha", "-1,234.5 ha"),
        (Decimal("0.0001"), "ha", "0.0001 ha"),
        (Decimal("1E+4"), "ha", "10,000 ha"),
        (Decimal("2"), "  ha  ", "2 ha"),
    ],
)
def test_format_indicator(value, unit, expected):
    assert format_indicator(value, unit) == expected


def test_format_number_leaves_what_is_not_a_number():
    assert format_number("n/a") == "n/a"
    assert format_number(Decimal("NaN")) == "NaN"
