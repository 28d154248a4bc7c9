"""Spaced review: intervals that grow, credit that trickles down the graph, and a review due never
locks anything."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculum.models import Exercise
from learning import path, review
from learning.models import Submission

T0 = datetime(2026, 1, 1, 12)
DAY = timedelta(days=1)
CHAIN = {"A": set(), "B": {"A"}, "C": {"B"}}  # A <- B <- C


def test_each_review_passed_on_time_lengthens_the_next_interval():
    at, gaps = T0, []
    passes = []
    for _ in range(6):
        due = review.schedule(CHAIN, {"A": T0}, passes)["A"].due_at
        gaps.append((due - at).days)
        at = due + timedelta(hours=1)
        passes.append((at, "A"))
    assert gaps[0] == 1 and gaps[1:] == [3, 7, 21, 60, 60]


def test_practice_before_the_review_is_due_does_not_count_as_the_review():
    reviews = review.schedule(CHAIN, {"A": T0}, [(T0 + timedelta(hours=2), "A")])
    assert reviews["A"].step == 0 and reviews["A"].due_at == T0 + DAY


def test_work_on_what_builds_on_a_topic_reviews_it_in_part():
    mastered = {"A": T0, "B": T0 + DAY / 2}
    one = review.schedule(CHAIN, mastered, [(T0 + 2 * DAY, "B")])
    assert one["A"].step == 0 and one["A"].credit == 0.5  # a direct prerequisite gets half a review
    two = review.schedule(CHAIN, mastered, [(T0 + 2 * DAY, "B"), (T0 + 3 * DAY, "B")])
    assert two["A"].step == 1 and two["A"].due_at == T0 + 3 * DAY + 3 * DAY
    far = review.schedule(CHAIN, {**mastered, "C": T0 + DAY}, [(T0 + 2 * DAY, "C")])
    assert far["B"].credit == 0.5 and far["A"].credit == 0.25  # discounted with distance


def test_credit_only_counts_once_the_topic_is_mastered():
    reviews = review.schedule(CHAIN, {"A": T0 + 5 * DAY}, [(T0 + DAY, "B"), (T0 + 2 * DAY, "B")])
    assert reviews["A"].credit == 0 and reviews["A"].step == 0


def test_the_first_review_offered_is_the_one_that_clears_most_other_due_reviews():
    prereqs = {"A": set(), "B": set(), "C": {"A", "B"}, "D": set()}
    reviews = {t: review.Review(1, T0) for t in prereqs}
    reviews["A"].credit = reviews["B"].credit = 0.5  # half reviewed already
    order = ["A", "B", "D", "C"]
    assert review.best_first(prereqs, reviews, {"A", "B", "C", "D"}, order)[0] == "C"  # clears A and B too
    assert review.best_first(prereqs, reviews, {"A", "D"}, order) == ["A", "D"]  # no clearing: learning order


@st.composite
def dags_with_history(draw):
    n = draw(st.integers(1, 10))
    names = [f"T{i}" for i in range(n)]
    prereqs = {
        t: {names[i] for i in range(j) if draw(st.booleans()) and draw(st.booleans())} for j, t in enumerate(names)
    }
    mastered_at = {t: T0 + draw(st.integers(0, 30)) * DAY for t in names if draw(st.booleans())}
    passes = [
        (T0 + timedelta(hours=draw(st.integers(0, 24 * 120))), draw(st.sampled_from(names)))
        for _ in range(draw(st.integers(0, 40)))
    ]
    return prereqs, mastered_at, passes


@settings(derandomize=True, deadline=None, database=None, max_examples=150)
@given(dags_with_history(), st.integers(0, 150))
def test_a_review_due_never_locks_or_unmasters_anything(case, days):
    prereqs, mastered_at, passes = case
    reviews = review.schedule(prereqs, mastered_at, passes)
    due = review.due(reviews, T0 + days * DAY)
    without = path.states(prereqs, set(mastered_at), set())
    with_due = path.states(prereqs, set(mastered_at), set(), due)
    for topic in prereqs:
        assert (with_due[topic] in path.DONE) == (without[topic] == path.MASTERED)
        if without[topic] != path.MASTERED:
            assert with_due[topic] == without[topic]
    assert set(review.best_first(prereqs, reviews, due, list(prereqs))) == due


@settings(derandomize=True, deadline=None, database=None, max_examples=150)
@given(dags_with_history())
def test_every_review_is_due_at_least_a_day_after_the_last_event_that_set_it(case):
    prereqs, mastered_at, passes = case
    for topic, r in review.schedule(prereqs, mastered_at, passes).items():
        last = max([mastered_at[topic]] + [at for at, _ in passes if at > mastered_at[topic]])
        assert r.due_at >= mastered_at[topic] + DAY and r.due_at <= last + review.INTERVALS[-1]


@pytest.mark.django_db
def test_home_offers_a_due_review_and_passing_it_clears_it(client, synced):
    user = User.objects.create_user("ada")
    client.force_login(user)
    exercises = list(Exercise.objects.filter(topic_id="PY1", required=True, retired=False).order_by("order", "slug"))
    for exercise in exercises:
        sub = Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")
        Submission.objects.filter(pk=sub.pk).update(created_at=timezone.now() - 2 * DAY)
    page = client.get("/")
    assert [t.id for t in page.context["standing"].reviews_due] == ["PY1"]
    assert page.context["standing"].state_of("PY1") == "review due"
    assert page.context["standing"].state_of("PY2") == "available"  # nothing re-locked
    assert f"/topics/PY1/{exercises[0].slug}/" in page.content.decode()
    Submission.objects.create(user=user, exercise=exercises[0], code="x", state="done", status="failed")
    assert client.get("/").context["standing"].state_of("PY1") == "review due"  # a failed try changes nothing
    Submission.objects.create(user=user, exercise=exercises[0], code="x", state="done", status="passed")
    page = client.get("/")
    assert page.context["standing"].reviews_due == [] and page.context["standing"].state_of("PY1") == "mastered"
