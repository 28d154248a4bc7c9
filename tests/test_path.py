"""Properties of the learner's path on random prerequisite graphs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from learning import path

SETTINGS = settings(derandomize=True, deadline=None, database=None, max_examples=100)


@st.composite
def dags_with_progress(draw):
    """A random DAG (edges only from lower to higher index), a goal, and random progress."""
    n = draw(st.integers(1, 14))
    names = [f"T{i}" for i in range(n)]
    prereqs = {name: set() for name in names}
    for j in range(n):
        for i in range(j):
            if draw(st.booleans()) and draw(st.booleans()):
                prereqs[names[j]].add(names[i])
    mastered = {t for t in names if draw(st.booleans())}
    started = {t for t in names if draw(st.booleans())}
    priority = {t: draw(st.integers(0, 5)) for t in names}
    return prereqs, mastered, started, priority, draw(st.sampled_from(names))


@SETTINGS
@given(dags_with_progress())
def test_no_topic_is_available_while_a_prerequisite_is_not_mastered(case):
    prereqs, mastered, started, _, _ = case
    for topic, state in path.states(prereqs, mastered, started).items():
        if state == path.AVAILABLE:
            assert prereqs[topic] <= mastered


@SETTINGS
@given(dags_with_progress())
def test_next_up_is_within_the_goals_ancestors_in_topological_order(case):
    prereqs, mastered, started, priority, goal = case
    states = path.states(prereqs, mastered, started)
    nxt = path.next_up(prereqs, priority, goal, states)
    assert set(nxt) <= path.ancestors(prereqs, goal)
    order = path.learning_order(prereqs, priority)
    assert nxt == sorted(nxt, key=order.index)
    assert all(states[t] in (path.AVAILABLE, path.IN_PROGRESS) for t in nxt)


@SETTINGS
@given(dags_with_progress(), st.data())
def test_mastering_a_topic_never_makes_another_less_available(case, data):
    prereqs, mastered, started, _, _ = case
    rank = {path.LOCKED: 0, path.AVAILABLE: 1, path.IN_PROGRESS: 1, path.MASTERED: 2}
    before = path.states(prereqs, mastered, started)
    extra = data.draw(st.sampled_from(sorted(prereqs)))
    after = path.states(prereqs, mastered | {extra}, started)
    assert all(rank[after[t]] >= rank[before[t]] for t in prereqs)


@SETTINGS
@given(dags_with_progress())
def test_learning_order_puts_every_prerequisite_first(case):
    prereqs, _, _, priority, _ = case
    order = path.learning_order(prereqs, priority)
    assert sorted(order) == sorted(prereqs)
    assert all(order.index(p) < order.index(t) for t in prereqs for p in prereqs[t])


def test_a_learner_with_nothing_mastered_starts_at_the_roots():
    prereqs = {"PY1": set(), "NP1": {"PY1"}, "EI1": {"NP1"}, "LA1": {"NP1"}}
    states = path.states(prereqs, set(), set())
    assert states == {"PY1": "available", "NP1": "locked", "EI1": "locked", "LA1": "locked"}
    assert path.next_up(prereqs, {}, "EI1", states) == ["PY1"]
    states = path.states(prereqs, {"PY1", "NP1"}, set())
    assert path.next_up(prereqs, {}, "EI1", states) == ["EI1"]  # LA1 is available but not on the way
