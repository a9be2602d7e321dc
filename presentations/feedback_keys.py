"""Feedback keys made for staff: fb-001, fb-002 ... the next number after the highest in use."""

import re

from django.db import IntegrityError, transaction

from .models import Feedback

PREFIX = "fb-"
_NUMBERED = re.compile(r"fb-([0-9]{1,9})")
# Saves that may meet another one taking the same key at the same moment.
ATTEMPTS = 5


def next_feedback_key() -> str:
    """The key after the highest fb-NNN in use (three digits at least): fb-025 after fb-024."""
    keys = Feedback.objects.filter(key__startswith=PREFIX).values_list("key", flat=True)
    numbers = [int(m.group(1)) for key in keys.iterator() if (m := _NUMBERED.fullmatch(key))]
    return f"{PREFIX}{max(numbers, default=0) + 1:03d}"


def save_with_free_key(*, feedback: Feedback) -> None:
    """Save feedback, giving it the next free key first when it has none."""
    if feedback.key:
        feedback.save()
        return
    for attempt in range(ATTEMPTS):
        feedback.key = next_feedback_key()
        try:
            # A savepoint: a key taken meanwhile by another save leaves this transaction usable.
            with transaction.atomic():
                feedback.save()
            return
        except IntegrityError:
            # Another constraint failed, or the keys keep being taken: let it be seen.
            if attempt == ATTEMPTS - 1 or not Feedback.objects.filter(key=feedback.key).exists():
                raise
