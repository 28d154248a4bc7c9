"""Progress that explains itself: the counts behind each state, one mastery rule, "continue" and "next up"."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum.models import Exercise, QuizQuestion
from learning import path
from learning.models import Draft, Submission

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def pass_exercises(user, exercises):
    for exercise in exercises:
        Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")


def required(topic_id):
    return list(Exercise.objects.filter(topic_id=topic_id, required=True, retired=False).order_by("order", "slug"))


def test_a_topic_with_its_exercises_passed_says_the_quiz_is_what_is_missing(client, learner, synced):
    pass_exercises(learner, required("NP2"))
    n_ex, n_quiz = len(required("NP2")), QuizQuestion.objects.filter(topic_id="NP2", retired=False).count()
    assert n_quiz > 1
    html = client.get(reverse("topic", args=["NP2"])).content.decode()
    assert f"exercises {n_ex}/{n_ex}, quiz 0/{n_quiz}" in html
    assert f"To master it: {n_quiz} quiz questions to answer right." in html
    assert path.MASTERY_RULE in html
    home = client.get("/").content.decode()
    assert f"exercises {n_ex}/{n_ex}, quiz 0/{n_quiz}" in home and path.MASTERY_RULE in home


def test_the_mastery_rule_in_the_readme_is_the_one_in_code():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert path.MASTERY_RULE in " ".join(readme.split())


def test_answering_a_quiz_question_updates_the_topics_progress_without_a_reload(client, learner, synced):
    question = QuizQuestion.objects.filter(topic_id="NP2", retired=False).exclude(choices=[]).first()
    total = QuizQuestion.objects.filter(topic_id="NP2", retired=False).count()
    response = client.post(
        reverse("answer_question", args=["NP2", question.slug]), {"answer": str(int(question.answer))}, **HTMX
    )
    html = response.content.decode()
    assert 'id="topic-progress"' in html and 'hx-swap-oob="true"' in html
    assert f"quiz 1/{total}" in html


def test_continue_skips_exercises_already_passed(client, learner, synced):
    first, second = required("PY1")[:2]
    Draft.objects.create(user=learner, exercise=first, code="x")
    pass_exercises(learner, [first])
    response = client.get("/")
    assert response.context["resume"] == second
    assert f'Continue: <a href="{second.get_absolute_url()}"' in response.content.decode()


def test_continue_moves_on_to_next_up_when_the_topic_is_done(client, learner, synced):
    exercises = required("PY1")
    Draft.objects.create(user=learner, exercise=exercises[0], code="x")
    pass_exercises(learner, exercises)
    resume = client.get("/").context["resume"]
    assert resume is not None and resume.topic_id != "PY1"
    assert resume.topic_id in [t.id for t in client.get("/").context["standing"].next_up]


def test_next_up_leaves_out_a_topic_merely_peeked_at_before_its_prerequisites(client, learner, synced):
    client.post(reverse("set_goal"), {"goal": "EI1"})
    peeked = required("NP2")[0]  # NP2 is on the way to EI1, but builds on NP1
    Draft.objects.create(user=learner, exercise=peeked, code="x")
    standing = client.get("/").context["standing"]
    assert standing.state_of("NP2") == "in progress"
    assert [t.id for t in standing.next_up] == ["PY1"]
    next_up_list = re.search(r'id="next-title".*?</ol>', client.get("/").content.decode(), re.S).group(0)
    assert "PY1" in next_up_list and "NP2" not in next_up_list
