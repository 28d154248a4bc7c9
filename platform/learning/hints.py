"""An exercise's hints open one at a time, in order: hint n only once hint n-1 is open (the page shows the next
one when the previous is opened). How many a learner has opened is kept (models.HintsRevealed), so the page, the
API and its client agree on which are shown."""
from django.db import transaction

from learning.models import HintsRevealed
from learning.services import Refused


def revealed(user, exercise) -> int:
    """How many of the exercise's hints this learner has opened (never more than it has now)."""
    count = HintsRevealed.objects.filter(user=user, exercise=exercise).values_list("count", flat=True).first()
    return min(count or 0, len(exercise.hints_html))


def reveal(user, exercise, number: int | None = None) -> int:
    """Open hint `number` (from 1; the next one when None): one already open, or the next. How many are open now."""
    total = len(exercise.hints_html)
    if total == 0:
        raise Refused("This exercise has no hints.")
    with transaction.atomic():  # two reveals at once open one hint each, in turn
        row, _ = HintsRevealed.objects.select_for_update().get_or_create(user=user, exercise=exercise)
        shown = min(row.count, total)
        number = shown + 1 if number is None else number
        if shown == total and number > total:
            raise Refused(f"All {total} hints of this exercise are shown already.")
        if not 1 <= number <= min(shown + 1, total):
            raise Refused(f"Hints open one at a time: the next one is hint {shown + 1} of {total}, not {number}.")
        if number > shown:
            row.count = number
            row.save(update_fields=["count", "at"])
        return max(shown, number)
