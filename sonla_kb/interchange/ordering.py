"""The presentations' running order: unique in the database, so moving them needs care.

Swapping two orders in one import would break the unique constraint half way, so the
presentations whose order changes are first parked on free high orders, then saved
with their new order like any other change.
"""

from presentations.models import Presentation

from .errors import Problem
from .schema import Row
from .spec import MAX_ORDER


def order_problems(*, rows: list[Row]) -> list[Problem]:
    """Orders the file gives that a presentation it does not list already has."""
    current = dict(Presentation.objects.values_list("key", "order"))
    listed = {row.key for row in rows}
    held = {order: key for key, order in current.items() if key not in listed}
    problems = []
    for row in rows:
        order = row.values.get("order")
        if order in held:
            problems.append(
                Problem(
                    f"presentations[{row.key}].order",
                    f"{order} is the order of the presentation {held[order]!r}, "
                    "which this file does not list",
                )
            )
    moving = _moving(rows, current)
    if len(moving) > MAX_ORDER - len(_taken(rows, current)):
        problems.append(Problem("presentations", "too many orders change at once to reorder"))
    return problems


def park_moving_presentations(*, rows: list[Row]) -> None:
    """Move the presentations whose order changes onto free orders, without saving them."""
    current = {
        key: (pk, order)
        for pk, key, order in Presentation.objects.values_list("pk", "key", "order")
    }
    orders = {key: order for key, (_, order) in current.items()}
    moving = _moving(rows, orders)
    if not moving:
        return
    taken = _taken(rows, orders)
    free = (n for n in range(MAX_ORDER, 0, -1) if n not in taken)
    parked = [Presentation(pk=current[key][0], order=next(free)) for key in moving]
    # bulk_update writes the column only: no save(), so no signal and no updated_at for a
    # state that lasts until the real save a moment later in the same transaction.
    Presentation.objects.bulk_update(parked, ["order"], batch_size=500)


def _moving(rows: list[Row], current: dict[str, int]) -> list[str]:
    return [
        row.key
        for row in rows
        if row.key in current and row.values.get("order") not in (None, current[row.key])
    ]


def _taken(rows: list[Row], current: dict[str, int]) -> set[int]:
    return set(current.values()) | {row.values["order"] for row in rows if "order" in row.values}
