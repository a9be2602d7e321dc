"""How a figure of the sector reads on the page, in the reader's language.

English: "23,312 ha", "47.9 %", "USD 88.77 million".
Vietnamese: "23.312 ha", "47,9 %", "88,77 triệu USD".
"""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import formats, numberformat
from django.utils.translation import get_language, gettext, override, pgettext_lazy

# "million USD" reads better as "USD 88.77 million": currency first, scale word after.
# The currency must be an upper-case ISO code, so "million ton" is not mistaken for one.
_SCALED_CURRENCY = re.compile(
    r"^(?P<scale>(?i:thousand|million|billion|trillion))\s+(?P<currency>[A-Z]{3})$"
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")

# Scale words and the units the knowledge base's indicators use, translated for display;
# a unit not listed here is shown as it was entered.
SCALES = {
    "thousand": pgettext_lazy("scale of a number", "thousand"),
    "million": pgettext_lazy("scale of a number", "million"),
    "billion": pgettext_lazy("scale of a number", "billion"),
    "trillion": pgettext_lazy("scale of a number", "trillion"),
}
UNITS = {
    "tonnes": pgettext_lazy("unit", "tonnes"),
    "tonnes per year": pgettext_lazy("unit", "tonnes per year"),
    "hectares": pgettext_lazy("unit", "hectares"),
    "regions": pgettext_lazy("unit", "regions"),
    "zones": pgettext_lazy("unit", "zones"),
    "chains": pgettext_lazy("unit", "chains"),
    "product": pgettext_lazy("unit", "product"),
    "products": pgettext_lazy("unit", "products"),
    "presentations": pgettext_lazy("unit", "presentations"),
    "households": pgettext_lazy("unit", "households"),
    "facilities": pgettext_lazy("unit", "facilities"),
    "enterprises and cooperatives": pgettext_lazy("unit", "enterprises and cooperatives"),
}
# The names of the indicators the workshop dataset ships, for the Vietnamese interface
# when an indicator has no `name_vi` of its own; the English interface shows the name.
INDICATOR_NAMES = {
    "arabica-share-of-national-area-2024": pgettext_lazy(
        "indicator", "Son La's share of Vietnam's Arabica coffee area"
    ),
    "coffee-area-2024": pgettext_lazy("indicator", "Coffee area"),
    "coffee-export-value": pgettext_lazy("indicator", "Coffee export value"),
    "coffee-export-volume": pgettext_lazy("indicator", "Green coffee bean exports"),
    "export-destination-regions": pgettext_lazy(
        "indicator", "Main coffee export destination regions"
    ),
    "green-coffee-production-2024": pgettext_lazy("indicator", "Green coffee bean production"),
    "high-tech-zones": pgettext_lazy("indicator", "High-tech coffee production zones"),
    "linkage-chains": pgettext_lazy(
        "indicator", "Production–processing–consumption linkage chains"
    ),
    "ocop-5-star-products": pgettext_lazy(
        "indicator", "OCOP coffee products certified 5-star nationally"
    ),
    "ocop-coffee-products": pgettext_lazy("indicator", "OCOP coffee products"),
    "share-of-northern-coffee-area-2024": pgettext_lazy(
        "indicator", "Son La's share of the northern region's coffee area"
    ),
    "workshop-presentations": pgettext_lazy("indicator", "Presentations delivered at the workshop"),
}
# Languages whose formats leave NUMBER_GROUPING unset (Vietnamese) still group by thousands.
_DEFAULT_GROUPING = 3


def _language(language: str | None) -> str:
    return language or get_language() or settings.LANGUAGE_CODE


def format_number(value: Decimal | int | float | str, *, language: str | None = None) -> str:
    """Write a number with the language's separators and no trailing zeros.

    23312.0000 -> "23,312" in English, "23.312" in Vietnamese; 47.9 -> "47.9" / "47,9".
    """
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    lang = _language(language)
    if number == number.to_integral_value():
        number, decimals = number.to_integral_value(), 0
    else:
        # normalize() drops trailing zeros; whole numbers (which it writes with an
        # exponent) were handled above.
        number = number.normalize()
        decimals = -number.as_tuple().exponent
    return numberformat.format(
        number,
        formats.get_format("DECIMAL_SEPARATOR", lang, use_l10n=True),
        decimal_pos=decimals,
        grouping=formats.get_format("NUMBER_GROUPING", lang, use_l10n=True) or _DEFAULT_GROUPING,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR", lang, use_l10n=True),
        force_grouping=True,
        use_l10n=True,
    )


def indicator_name(indicator, *, language: str | None = None) -> str:
    """The indicator's name: its Vietnamese name where it has one, else the catalogue's."""
    lang = _language(language)
    if lang.split("-")[0] == "vi" and getattr(indicator, "name_vi", ""):
        return indicator.name_vi
    label = INDICATOR_NAMES.get(indicator.key)
    if label is None or lang.split("-")[0] == "en":
        return indicator.name
    with override(lang):
        return str(label)


def format_indicator(
    value: Decimal | int | float | str, unit: str, *, language: str | None = None
) -> str:
    """Write an indicator's value with its unit, as a reader of the language expects it."""
    lang = _language(language)
    number = format_number(value, language=lang)
    unit = (unit or "").strip()
    if not unit:
        return number
    with override(lang):
        scaled = _SCALED_CURRENCY.match(unit)
        if scaled:
            # Translators: a sum of money with a scale word, e.g. "USD 88.77 million".
            return gettext("%(currency)s %(number)s %(scale)s") % {
                "currency": scaled["currency"],
                "number": number,
                "scale": SCALES[scaled["scale"].lower()],
            }
        if _CURRENCY.match(unit):
            # Translators: a sum of money, e.g. "USD 1,250".
            return gettext("%(currency)s %(number)s") % {"currency": unit, "number": number}
        # Anything else ("ha", "%", "tonnes", "million tonnes") follows the number.
        return f"{number} {UNITS.get(unit, unit)}"
