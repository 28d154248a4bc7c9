"""The learner's path through the prerequisite graph, as pure functions (no database).

A topic is mastered (MASTERY_RULE below; "review due" when its spaced review has come round, see
review.py), available (every prerequisite mastered), in progress (started and not mastered) or
locked. Locks are soft: they describe, they do not forbid. "Next up" is the goal's unmastered
ancestors whose prerequisites are all mastered (available, or already started), in learning order:
a topic merely peeked at before its prerequisites is not next.
"""

import heapq
from collections.abc import Set

LOCKED, AVAILABLE, IN_PROGRESS, MASTERED = "locked", "available", "in progress", "mastered"
REVIEW_DUE = "review due"  # mastered, and due for review: still opens what builds on it
DONE = {MASTERED, REVIEW_DUE}
# The one rule, as the pages and the README state it (progress.standing_from applies it).
MASTERY_RULE = (
    "A topic is mastered when every required exercise is passed and every quiz question has been "
    "answered right once, or when you test out of it or of a topic that builds on it (credits from the "
    "placement diagnostic count as test-outs)."
)


def states(prereqs: dict, mastered: set, started: set, due: Set = frozenset()) -> dict:
    """prereqs: topic -> set of its prerequisites; mastered includes topics tested out; due: the
    mastered topics whose review is due."""
    out = {}
    for topic, needs in prereqs.items():
        if topic in mastered:
            out[topic] = REVIEW_DUE if topic in due else MASTERED
        elif topic in started:
            out[topic] = IN_PROGRESS
        elif needs <= mastered:
            out[topic] = AVAILABLE
        else:
            out[topic] = LOCKED
    return out


def ancestors(prereqs: dict, goal: str) -> set:
    """The goal and everything it builds on."""
    seen, stack = set(), [goal]
    while stack:
        topic = stack.pop()
        if topic not in seen:
            seen.add(topic)
            stack.extend(prereqs.get(topic, ()))
    return seen


def learning_order(prereqs: dict, priority: dict) -> list:
    """Topological order; among topics free to go next, the lowest priority value first."""
    waiting = {t: set(needs) & set(prereqs) for t, needs in prereqs.items()}
    ready = [(priority.get(t, 0), t) for t, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, topic = heapq.heappop(ready)
        ordered.append(topic)
        for other, needs in waiting.items():
            if topic in needs:
                needs.discard(topic)
                if not needs:
                    heapq.heappush(ready, (priority.get(other, 0), other))
    return ordered


def next_up(
    prereqs: dict, priority: dict, goal: str, topic_states: dict, order: list | None = None, on_path: set | None = None
) -> list:
    """order, on_path: learning_order(prereqs, priority) and ancestors(prereqs, goal), when the
    caller already has them."""
    path = ancestors(prereqs, goal) if on_path is None else on_path
    done = {t for t, state in topic_states.items() if state in DONE}
    return [
        t
        for t in order or learning_order(prereqs, priority)
        if t in path and topic_states[t] in (AVAILABLE, IN_PROGRESS) and prereqs[t] <= done
    ]


def remaining(prereqs: dict, goal: str, topic_states: dict, on_path: set | None = None) -> list:
    """The goal's ancestors not yet mastered: what stands between the learner and the goal."""
    return [t for t in (ancestors(prereqs, goal) if on_path is None else on_path) if topic_states[t] not in DONE]
