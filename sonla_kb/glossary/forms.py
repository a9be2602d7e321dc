"""A term's forms: written one per line, kept tidy (pure helpers)."""

from collections.abc import Iterable

FORM_MAX_LENGTH = 200


def split_forms(text: str) -> list[str]:
    """The forms written in a text field, one per line, in order, without blanks or repeats."""
    return tidy_forms(text.splitlines())


def tidy_forms(forms: Iterable[str]) -> list[str]:
    """Forms with their spaces collapsed, empty ones dropped, repeats (case-insensitively) once."""
    seen: dict[str, str] = {}
    for form in forms:
        cleaned = " ".join(form.split())
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    return list(seen.values())


def join_forms(forms: Iterable[str]) -> str:
    """Forms as the text field stores them: one per line."""
    return "\n".join(forms)
