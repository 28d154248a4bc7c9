"""ExerciseSummary rows are kept by database triggers: whatever writes submissions (save, queryset
update, bulk insert, delete, a cascade), each row must equal what the submissions say, and two
graders recording verdicts on the same pair at once must both count."""

import random
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from curriculum.models import Exercise, Topic
from learning.models import ExerciseSummary, Submission


def make_exercises(n):
    topic = Topic.objects.create(id="SUM1", title="Summaries", skill="test", order=1)
    return [
        Exercise.objects.create(
            topic=topic, slug=f"e{i}", title=f"E{i}", entry_points=["f"], bundle={}, bundle_hash="-"
        )
        for i in range(n)
    ]


def expected() -> dict:
    """The summaries, recomputed in Python from every submission."""
    out = {}
    for s in Submission.objects.order_by("created_at"):
        row = out.setdefault(
            (s.user_id, s.exercise_id),
            {"attempts": 0, "passes": 0, "first_graded_at": None, "first_passed_at": None, "last_at": s.created_at},
        )
        row["last_at"] = max(row["last_at"], s.created_at)
        if s.mode == Submission.GRADE and s.state == Submission.DONE:
            row["attempts"] += 1
            row["first_graded_at"] = row["first_graded_at"] or s.created_at
        if s.mode == Submission.GRADE and s.status == "passed":
            row["passes"] += 1
            row["first_passed_at"] = row["first_passed_at"] or s.created_at
    return out


def stored() -> dict:
    fields = ["attempts", "passes", "first_graded_at", "first_passed_at", "last_at"]
    return {
        (r["user_id"], r["exercise_id"]): {f: r[f] for f in fields}
        for r in ExerciseSummary.objects.values("user_id", "exercise_id", *fields)
    }


def random_submission(rng, users, exercises):
    mode = rng.choice([Submission.GRADE, Submission.GRADE, Submission.RUN])
    state = rng.choice([Submission.QUEUED, Submission.RUNNING, Submission.DONE, Submission.DONE])
    status = rng.choice(["passed", "failed", "error"]) if state == Submission.DONE else ""
    return Submission(
        user=rng.choice(users), exercise=rng.choice(exercises), code="x", mode=mode, state=state, status=status
    )


@pytest.mark.django_db
def test_summaries_follow_every_kind_of_write():
    rng = random.Random(7)
    users = [User.objects.create_user(f"learner{i}") for i in range(3)]
    exercises = make_exercises(3)
    now = timezone.now()
    writes = {
        "create": lambda: random_submission(rng, users, exercises).save(),
        "bulk_create": lambda: Submission.objects.bulk_create(
            [random_submission(rng, users, exercises) for _ in range(rng.randint(1, 4))]
        ),
        "verdict": lambda: Submission.objects.filter(pk=pick()).update(
            state=Submission.DONE, status=rng.choice(["passed", "failed"])
        ),
        "save": lambda: save_changed(Submission.objects.get(pk=pick())),
        "backdate": lambda: Submission.objects.filter(pk=pick()).update(
            created_at=now - timedelta(hours=rng.randint(1, 500))
        ),
        "move": lambda: Submission.objects.filter(pk=pick()).update(exercise=rng.choice(exercises)),
        "delete": lambda: Submission.objects.filter(pk=pick()).delete(),
    }

    def pick():
        return rng.choice(list(Submission.objects.values_list("pk", flat=True)) or [0])

    def save_changed(sub):
        sub.state, sub.status = Submission.DONE, rng.choice(["passed", "failed"])
        sub.save()

    for step in range(120):
        kind = "create" if step < 5 else rng.choice(list(writes))
        writes[kind]()
        assert stored() == expected(), f"after step {step} ({kind})"
    assert stored(), "the random writes left no submissions: the test checked nothing"
    users[0].delete()  # cascades to their submissions and summaries
    assert stored() == expected()
    assert all(uid != users[0].pk for uid, _ in stored())


@pytest.mark.django_db
def test_a_claim_or_a_grader_retry_does_not_recompute_the_summary():
    # A planted gap: only a trigger that fires would fill it. Queued <-> running changes no count.
    user, [exercise] = User.objects.create_user("ada"), make_exercises(1)
    submission = Submission.objects.create(
        user=user, exercise=exercise, code="x", mode=Submission.GRADE, state=Submission.QUEUED
    )
    ExerciseSummary.objects.all().delete()
    rows = Submission.objects.filter(pk=submission.pk)
    rows.update(state=Submission.RUNNING, attempts=1, task_id="t1")
    rows.update(state=Submission.QUEUED)
    assert not ExerciseSummary.objects.exists()
    rows.update(state=Submission.DONE, status="failed")
    assert stored() == expected() and stored()[(user.pk, exercise.pk)]["attempts"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_verdicts_on_one_pair_at_once_both_count():
    """Each trigger recomputes its pair from the submissions it can see; without the per-pair lock
    the second writer would not see the first's uncommitted verdict (or would collide with its row)."""
    user = User.objects.create_user("learner")
    exercise = make_exercises(1)[0]
    first, second = (Submission.objects.create(user=user, exercise=exercise, code="x") for _ in range(2))
    first_written, errors = threading.Event(), []

    def grade(pk, hold):
        try:
            with transaction.atomic():
                Submission.objects.filter(pk=pk).update(state=Submission.DONE, status="passed")
                first_written.set()
                time.sleep(hold)  # the other grader runs while this transaction is still open
        except Exception as e:  # reported below: an exception in a thread would pass silently
            errors.append(e)
        finally:
            connection.close()

    one = threading.Thread(target=grade, args=(first.pk, 0.5))
    one.start()
    assert first_written.wait(10)
    two = threading.Thread(target=grade, args=(second.pk, 0))
    two.start()
    one.join(), two.join()
    assert not errors, errors
    summary = ExerciseSummary.objects.get(user=user, exercise=exercise)
    assert (summary.attempts, summary.passes) == (2, 2)
