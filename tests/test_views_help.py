"""The exercise page as a place to get unstuck: hints, the solution (after a pass, or asked for after
failures, recorded), the next exercise, the last verdict on return, a known mistake named once."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum.models import Exercise
from learning.models import SolutionView, Submission

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def exercise(synced):
    return Exercise.objects.filter(topic_id="CA2").order_by("order", "slug").first()  # authored hints


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def grade(user, exercise, status, result=None):
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        code="x",
        state="done",
        status=status,
        result=result or {"status": status, "tests": []},
    )


def page(client, exercise) -> str:
    return client.get(exercise.get_absolute_url()).content.decode()


def test_hints_are_offered_one_at_a_time_and_the_solution_stays_closed(client, learner, exercise):
    html = page(client, exercise)
    assert exercise.hints_html, "CA2's first exercise has authored hints"
    n = len(exercise.hints_html)
    assert f"Hint 1 of {n}" in html and f"Hint {n} of {n}" in html
    assert exercise.solution_html and exercise.solution_html not in html
    assert "open when you pass" in html


def test_the_solution_cannot_be_asked_for_before_three_failures(client, learner, exercise):
    grade(learner, exercise, "failed")
    grade(learner, exercise, "failed")
    response = client.post(reverse("reveal_solution", args=[exercise.topic_id, exercise.slug]), **HTMX)
    assert response.status_code == 403 and b"after 3 failed submissions (you have 2)" in response.content
    assert not SolutionView.objects.exists()


def test_after_three_failures_the_solution_opens_on_request_with_a_warning_and_is_recorded(client, learner, exercise):
    for _ in range(3):
        grade(learner, exercise, "failed")
    html = page(client, exercise)
    assert "Show the solution anyway" in html and "recorded" in html
    assert exercise.solution_html not in html
    response = client.post(reverse("reveal_solution", args=[exercise.topic_id, exercise.slug]), **HTMX)
    assert exercise.solution_html in response.content.decode()
    view = SolutionView.objects.get()
    assert (view.user, view.exercise, view.failures) == (learner, exercise, 3)
    assert exercise.solution_html in page(client, exercise)  # stays open


def test_a_pass_shows_the_solution_its_explanation_and_the_next_exercise(client, learner, exercise):
    grade(learner, exercise, "failed")
    grade(learner, exercise, "passed")
    html = client.get(reverse("help_panel", args=[exercise.topic_id, exercise.slug]), **HTMX).content.decode()
    assert exercise.solution_html in html and exercise.explanation_html in html
    following = Exercise.objects.filter(topic_id="CA2").order_by("order", "slug")[1]
    assert f"Next exercise: {following.title}" in html and following.get_absolute_url() in html
    assert not SolutionView.objects.exists()  # after a pass, reading it is not a shortcut


def test_the_last_exercise_of_a_topic_leads_back_to_the_topic(client, learner, synced):
    last = Exercise.objects.filter(topic_id="CA2").order_by("order", "slug").last()
    grade(learner, last, "passed")
    assert "last exercise of this topic" in page(client, last)


def test_coming_back_shows_the_last_verdict(client, learner, exercise):
    s = grade(
        learner,
        exercise,
        "failed",
        {
            "status": "failed",
            "message": "1 of 1 tests failed.",
            "tests": [{"name": "shapes", "status": "failed", "message": "wrong shape", "details": {}}],
        },
    )
    html = page(client, exercise)
    assert f"Submission #{s.pk}" in html and "wrong shape" in html


def test_a_known_mistake_is_named_once_per_verdict_not_under_every_test(client, learner, exercise):
    hint = "Looks like you summed over `i` instead of `j`."
    tests = [
        {"name": f"case {n}", "status": "failed", "message": f"Wrong value at {n}. {hint}", "details": {"hint": hint}}
        for n in range(4)
    ]
    s = grade(learner, exercise, "failed", {"status": "failed", "tests": tests})
    html = client.get(reverse("submission", args=[s.pk]), **HTMX).content.decode()
    assert html.count("summed over") == 1
    assert "Likely mistake:" in html and "<code>i</code>" in html
    assert "Wrong value at 3." in html


def test_a_run_is_not_shown_as_a_pass(client, learner, exercise):
    s = Submission.objects.create(
        user=learner,
        exercise=exercise,
        code="x",
        state="done",
        status="ran",
        mode="run",
        result={"status": "ran", "tests": [], "value": {"type": "int", "repr": "3"}},
    )
    html = client.get(reverse("submission", args=[s.pk]), **HTMX).content.decode()
    assert "verdict-ran" in html and "not graded" in html and "Passed" not in html
