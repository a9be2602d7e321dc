"""English: ISO dates, or the month by name; 01/12/2026 is refused, since it reads two ways."""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-01, first: the admin's fields and calendar write dates this way
    "%d %B %Y",  # 1 December 2026
    "%d %b %Y",  # 1 Dec 2026
    "%B %d, %Y",  # December 1, 2026
    "%b %d, %Y",  # Dec 1, 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
# Short dates (lists in the admin) with the month by name: 1 Dec 2026, never 12/01/2026.
SHORT_DATE_FORMAT = "j M Y"
