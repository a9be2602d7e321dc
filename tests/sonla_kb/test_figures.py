"""format_indicator: pure, no database; in English and in Vietnamese."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from policies.models import Indicator
from sonla_kb.figures import format_indicator, format_number, indicator_name


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


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("23312.0000"), "ha", "23.312 ha"),
        (Decimal("47.9000"), "%", "47,9 %"),
        (Decimal("88.7700"), "million USD", "88,77 triệu USD"),
        (Decimal("30000"), "tonnes", "30.000 tấn"),
        (Decimal("31700"), "tonnes per year", "31.700 tấn mỗi năm"),
        (Decimal("1250"), "USD", "1.250 USD"),
        (Decimal("-1234.50"), "ha", "-1.234,5 ha"),
        (Decimal("1234567.25"), "", "1.234.567,25"),
    ],
)
def test_format_indicator_in_vietnamese(value, unit, expected):
    assert format_indicator(value, unit, language="vi") == expected


def test_format_follows_the_active_language():
    with override("vi"):
        assert format_number(Decimal("23312")) == "23.312"
        assert format_indicator(Decimal("47.9"), "%") == "47,9 %"
    with override("en"):
        assert format_number(Decimal("23312")) == "23,312"


def test_indicator_names_are_translated_for_the_shipped_keys():
    shipped = Indicator(key="coffee-area-2024", name="Coffee area")
    other = Indicator(key="something-else", name="Something else")
    assert indicator_name(shipped, language="vi") == "Diện tích cà phê"
    assert indicator_name(shipped, language="en") == "Coffee area"
    assert indicator_name(other, language="vi") == "Something else"


def test_format_number_leaves_what_is_not_a_number():
    assert format_number("n/a") == "n/a"
    assert format_number(Decimal("NaN")) == "NaN"
