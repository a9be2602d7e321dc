"""Vietnamese: day before month, as Vietnamese writes dates (01/12/2026 is 1 December 2026)."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/12/2026, first: the admin's fields and calendar write dates this way
    "%d-%m-%Y",  # 01-12-2026
    "%d.%m.%Y",  # 01.12.2026
    "%Y-%m-%d",  # 2026-12-01 (ISO: year first, never ambiguous)
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
# Short dates (lists in the admin) as they are typed.
SHORT_DATE_FORMAT = "d/m/Y"
