"""An exercise's hints open one at a time, in order: the page shows hint n once hint n-1 is open, and the API's
client (`groundwork hint`) asks for the next one. How many a learner has opened is kept (models.HintsRevealed), so
the page, the API and its client agree on which are open. The hints are no secret (the page holds them all), so
opening hint n counts hints 1 to n as opened, whatever order the page's requests arrive in."""

from django.db import transaction

from learning.models import HintsRevealed
from learning.services import Refused


def revealed(user, exercise) -> int:
    """How many of the exercise's hints this learner has opened (never more than it has now)."""
    count = HintsRevealed.objects.filter(user=user, exercise=exercise).values_list("count", flat=True).first()
    return min(count or 0, len(exercise.hints_html))


def reveal(user, exercise, upto: int | None = None) -> int:
    """Open the hints up to number `upto` (from 1), or the next one when None. How many are open now."""
    total = len(exercise.hints_html)
    if total == 0:
        raise Refused("This exercise has no hints.")
    with transaction.atomic():  # two reveals at once: each sees the other's count, none is lost
        row, _ = HintsRevealed.objects.select_for_update().get_or_create(user=user, exercise=exercise)
        shown = min(row.count, total)
        if upto is None:
            if shown == total:
                raise Refused(f"All {total} hints of this exercise are shown already.")
            upto = shown + 1
        if not 1 <= upto <= total:
            raise Refused(f"This exercise has hints 1 to {total}; there is no hint {upto}.")
        if upto > shown:
            row.count = upto
            row.save(update_fields=["count", "at"])
        return max(shown, upto)
