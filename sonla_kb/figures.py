"""How a figure of the sector reads on the page: "23,312 ha", "USD 88.77 million"."""

import re
from decimal import Decimal, InvalidOperation

# "million USD" reads better as "USD 88.77 million": currency first, scale word after.
# The currency must be an upper-case ISO code, so "million ton" is not mistaken for one.
_SCALED_CURRENCY = re.compile(
    r"^(?P<scale>(?i:thousand|million|billion|trillion))\s+(?P<currency>[A-Z]{3})$"
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def format_number(value: Decimal | int | float | str) -> str:
    """Write a number with thousands separators and no trailing zeros: 23312.0000 -> "23,312"."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    # normalize() drops trailing zeros; it only uses an exponent for whole numbers, handled above.
    return f"{number.normalize():,f}"


def format_indicator(value: Decimal | int | float | str, unit: str) -> str:
    """Write an indicator's value with its unit, as a reader expects it."""
    number = format_number(value)
    unit = (unit or "").strip()
    if not unit:
        return number
    scaled = _SCALED_CURRENCY.match(unit)
    if scaled:
        return f"{scaled['currency']} {number} {scaled['scale'].lower()}"
    if _CURRENCY.match(unit):
        return f"{unit} {number}"
    # Anything else ("ha", "%", "tonnes", "million tonnes") follows the number.
    return f"{number} {unit}"
