"""Spaced review, as pure functions over a learner's passes (no database).

A mastered topic falls due for review after an interval that grows with each review passed
(INTERVALS). A review is passing any of the topic's required exercises once it is due. Work on a
topic also reviews what it builds on, in part: a pass on T gives each mastered ancestor credit
TRICKLE ** distance, and a full point of credit counts as a review passed (the idea of Math
Academy's "fractional implicit repetition"). So a learner who keeps moving forward is rarely sent
back. A failed review changes nothing: the topic stays due, and what builds on it stays open.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVALS = tuple(timedelta(days=d) for d in (1, 3, 7, 21, 60))
TRICKLE = 0.5


@dataclass
class Review:
    step: int  # reviews passed so far
    due_at: datetime
    credit: float = 0.0  # trickled down from later work, towards the next review


def distances(prereqs: dict, topic: str) -> dict:
    """Each ancestor of topic -> its shortest distance in prerequisite edges."""
    out: dict[str, int] = {}
    frontier, d = set(prereqs.get(topic, ())), 1
    while frontier:
        for t in frontier:
            out.setdefault(t, d)
        frontier = {p for t in frontier for p in prereqs.get(t, ()) if p not in out}
        d += 1
    return out


def schedule(prereqs: dict, mastered_at: dict, passes: list) -> dict:
    """topic -> Review, for every mastered topic.

    mastered_at: topic -> when it was mastered. passes: (time, topic) of every passing graded
    submission, in any order.
    """
    reviews = {t: Review(0, at + INTERVALS[0]) for t, at in mastered_at.items()}
    for at, topic in sorted(passes):
        own = reviews.get(topic)
        if own and mastered_at[topic] < at and at >= own.due_at:
            _passed(own, at)
        for ancestor, distance in distances(prereqs, topic).items():
            review = reviews.get(ancestor)
            if review and mastered_at[ancestor] < at:
                review.credit += TRICKLE**distance
                if review.credit >= 1:
                    _passed(review, at)
    return reviews


def _passed(review: Review, at: datetime) -> None:
    review.step += 1
    review.due_at = at + INTERVALS[min(review.step, len(INTERVALS) - 1)]
    review.credit = 0.0


def due(reviews: dict, now: datetime) -> set:
    return {t for t, r in reviews.items() if r.due_at <= now}


def best_first(prereqs: dict, reviews: dict, due_topics: set, order: list) -> list:
    """Due reviews, the one whose pass would also clear the most other due reviews first
    (ties in learning order)."""

    def clears(topic: str) -> int:
        return sum(
            1 for a, d in distances(prereqs, topic).items() if a in due_topics and reviews[a].credit + TRICKLE**d >= 1
        )

    rank = {t: i for i, t in enumerate(order)}
    return sorted(due_topics, key=lambda t: (-clears(t), rank.get(t, len(rank))))
