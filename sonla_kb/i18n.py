"""The interface's language: which one is active, and names that depend on it."""

from django.utils.translation import get_language


def interface_language() -> str:
    """The active language's base code: "en" or "vi"."""
    return (get_language() or "en").split("-")[0]


def theme_name(theme) -> str:
    """A theme's Vietnamese name in the Vietnamese interface, else its English name."""
    name_vi = getattr(theme, "name_vi", "")
    if name_vi and interface_language() == "vi":
        return name_vi
    return getattr(theme, "name", str(theme))
