"""Turn one JSON value into the value its model field stores, or say why it cannot (pure).

JSON types are checked strictly (a year is a number, not "2024"); lengths, ranges and
URL rules are the model fields' own validators, so a value that passes here does not
fail later in the database.
"""

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from sonla_kb.glossary.forms import FORM_MAX_LENGTH, join_forms, tidy_forms
from sonla_kb.themes import Theme

from . import files
from .errors import Invalid
from .spec import ABOUT_SECTIONS, FieldSpec, Kind

# fullmatch with explicit ASCII classes: `$` would accept a trailing newline and `\d`
# other scripts' digits; date.fromisoformat alone accepts "20170101" and "2017-W01-1".
KEY_RE = re.compile(r"[a-z0-9-]{1,100}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Indicator values are written back as JSON numbers through float, and SQLite keeps 15
# significant digits: beyond that an export would not give back the value imported.
MAX_SIGNIFICANT_DIGITS = 15

# A glossary term's forms in one language: enough for every spelling, and bounded.
MAX_FORMS = 50


@dataclass(frozen=True, slots=True)
class About:
    """What a feedback is about: a record's type (study, presentation, policy) and key."""

    type: str
    key: str


def show(value: Any) -> str:
    """A short rendering of a bad value for an error line."""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, Decimal):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def convert(field: FieldSpec, value: Any, *, model: type[models.Model]) -> Any:
    """The stored value for `value` in `field` of `model`; raises Invalid."""
    if value is None:
        if field.nullable:
            return None
        raise Invalid("must not be null")
    if field.kind is Kind.KEY:
        return check_key(value)
    if field.kind is Kind.TEXT:
        return check_text(value, model._meta.get_field(field.name))
    if field.kind is Kind.DATE:
        return check_date(value)
    if field.kind is Kind.BOOL:
        if not isinstance(value, bool):
            raise Invalid(f"not true or false: {show(value)}")
        return value
    if field.kind is Kind.INT:
        return _check_int(value, field, model._meta.get_field(field.name))
    if field.kind is Kind.NUMBER:
        return _check_number(value, model._meta.get_field(field.name))
    if field.kind is Kind.ENUM:
        return check_choice(value, field.choices)
    if field.kind is Kind.TAGS:
        return check_tags(value)
    if field.kind is Kind.ABOUT:
        return check_about(value)
    if field.kind is Kind.FILES:
        return files.check_files(value)
    if field.kind is Kind.FORMS:
        return check_forms(value, required=field.required)
    raise AssertionError(f"unhandled kind {field.kind}")


def check_key(value: Any) -> str:
    """A record key: 1 to 100 characters of a-z, 0-9 and '-'."""
    if not isinstance(value, str) or not KEY_RE.fullmatch(value):
        raise Invalid(f"not a key (1 to 100 characters of a-z, 0-9 and '-'): {show(value)}")
    return value


def check_text(value: Any, model_field: models.Field) -> str:
    """Plain text, composed (NFC) but otherwise as given, within the model field's limits."""
    if not isinstance(value, str):
        raise Invalid(f"not a string: {show(value)}")
    # Decomposed accents (pasted from a PDF, typed on some keyboards) are stored composed.
    value = unicodedata.normalize("NFC", value)
    if "\x00" in value:
        # PostgreSQL refuses NUL in text; say so here rather than fail mid-import.
        raise Invalid("contains a NUL character")
    if value == "" and not model_field.blank:
        raise Invalid("must not be empty")
    _run_validators(model_field, value)
    return value


def check_date(value: Any) -> dt.date:
    """A date written strictly as YYYY-MM-DD."""
    if isinstance(value, str) and DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Invalid(f"not a date in YYYY-MM-DD: {show(value)}")


def check_choice(value: Any, choices: tuple[str, ...]) -> str:
    """One of a fixed list of strings."""
    if not isinstance(value, str) or value not in choices:
        raise Invalid(f"not one of {', '.join(choices)}: {show(value)}")
    return value


def check_tags(value: Any) -> tuple[str, ...]:
    """A list of theme names, without repeats (case-insensitively, first spelling kept)."""
    if not isinstance(value, list):
        raise Invalid(f"not a list of theme names: {show(value)}")
    names: dict[str, str] = {}
    for i, item in enumerate(value):
        try:
            name = check_theme_name(item)
        except Invalid as invalid:
            raise Invalid(invalid.message, path=f"[{i}]") from None
        names.setdefault(name.casefold(), name)
    return tuple(names.values())


def check_theme_name(value: Any) -> str:
    """A theme name as records name it: non-empty, no surrounding spaces, within the limit."""
    name = check_text(value, Theme._meta.get_field("name"))
    if name != name.strip():
        raise Invalid(f"a theme name must not start or end with spaces: {show(name)}")
    return name


def check_forms(value: Any, *, required: bool) -> str:
    """A glossary term's forms: a list of strings, stored one per line (tidied, repeats once)."""
    if not isinstance(value, list):
        raise Invalid(f"not a list of strings: {show(value)}")
    if len(value) > MAX_FORMS:
        raise Invalid(f"more than {MAX_FORMS} forms")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise Invalid(f"not a string: {show(item)}", path=f"[{i}]")
        if "\x00" in item:
            raise Invalid("contains a NUL character", path=f"[{i}]")
        if not item.strip():
            raise Invalid("an empty form", path=f"[{i}]")
        if len(item) > FORM_MAX_LENGTH:
            raise Invalid(f"longer than {FORM_MAX_LENGTH} characters", path=f"[{i}]")
    forms = tidy_forms(value)
    if required and not forms:
        raise Invalid("needs at least one form")
    return join_forms(forms)


def check_about(value: Any) -> About:
    """`{"type": "study" | "presentation" | "policy", "key": ...}`."""
    if not isinstance(value, dict):
        raise Invalid(f"not null or an object with type and key: {show(value)}")
    for name in value:
        if name not in ("type", "key"):
            raise Invalid("unknown field", path=f".{name}")
    for name in ("type", "key"):
        if name not in value:
            raise Invalid("missing (required)", path=f".{name}")
    try:
        type_ = check_choice(value["type"], tuple(ABOUT_SECTIONS))
    except Invalid as invalid:
        raise Invalid(invalid.message, path=".type") from None
    try:
        key = check_key(value["key"])
    except Invalid as invalid:
        raise Invalid(invalid.message, path=".key") from None
    return About(type_, key)


def _check_int(value: Any, field: FieldSpec, model_field: models.Field) -> int:
    # bool is an int to Python, and a Decimal such as 2024.0 is not a whole number in JSON.
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"not a whole number: {show(value)}")
    if field.max_value is not None and value > field.max_value:
        raise Invalid(f"more than {field.max_value}: {value}")
    _run_validators(model_field, value)
    return value


def _check_number(value: Any, model_field: models.Field) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Invalid(f"not a number: {show(value)}")
    number = Decimal(value)
    if len(number.normalize().as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        raise Invalid(f"more than {MAX_SIGNIFICANT_DIGITS} significant digits: {show(number)}")
    _run_validators(model_field, number)
    return number


def _run_validators(model_field: models.Field, value: Any) -> None:
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from None
