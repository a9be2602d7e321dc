"""The corrected answer: when no record holds every word of a query, but every word of its
correction is found together, the answer is the correction's (search-api.md,
``corrected_from``). The same rule for every backend; each only searches again."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .limits import Budget
from .params import ParamError, SearchParams


@dataclass(frozen=True)
class Found:
    """One search's answer, and what deciding on a correction needs to know of it."""

    answer: dict[str, Any]
    all_words: int  # records holding every word (before records holding some were added)
    budget: Budget


def corrected_answer(
    params: SearchParams, found: Found, *, search_again: Callable[[SearchParams, Budget], Found]
) -> dict[str, Any]:
    """The answer to give: `found`'s, or its correction's when that finds every word.

    The follow-up search shares the first one's deadline (it is part of the same search),
    with notices of its own.
    """
    answer = found.answer
    suggestion = answer.get("suggestion")
    answer.setdefault("corrected_from", None)
    if found.all_words or not suggestion or not params.correct or found.budget.expired():
        return answer
    rest = Budget(seconds=found.budget.seconds, started=found.budget.started)
    try:
        corrected = search_again(replace(params, q=suggestion), rest)
    except ParamError:
        return answer
    if not corrected.all_words:
        return answer
    corrected.answer["corrected_from"] = params.q
    corrected.answer["suggestion"] = None
    return corrected.answer
