"""The learner's path on the pages: states, next up towards a goal, soft locks, the map."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum.models import Exercise, QuizQuestion, Topic
from learning.models import QuizAttempt, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def pass_topic(user, topic_id):
    for exercise in Exercise.objects.filter(topic_id=topic_id, required=True):
        Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")


def states(client):
    return {t.id: t.state for t in client.get("/").context["topics"]}


def test_a_new_learner_sees_roots_available_and_the_rest_locked(client, learner, synced):
    s = states(client)
    assert s["PY1"] == "available" and s["NP1"] == "locked" and s["EI2"] == "locked"


def test_passing_every_required_exercise_masters_a_topic_and_unlocks_the_next(client, learner, synced):
    pass_topic(learner, "PY1")
    s = states(client)
    assert s["PY1"] == "mastered" and s["NP1"] == "available" and s["PY2"] == "available"


def test_a_failed_or_partial_topic_is_in_progress_not_mastered(client, learner, synced):
    first = Exercise.objects.filter(topic_id="PY1").first()
    Submission.objects.create(user=learner, exercise=first, code="x", state="done", status="passed")
    assert states(client)["PY1"] == "in progress"
    page = client.get(reverse("topic", args=["PY1"]))
    total = Exercise.objects.filter(topic_id="PY1", required=True).count()
    assert f"exercises 1/{total}".encode() in page.content and b"in progress" in page.content


def test_a_topic_with_a_quiz_needs_the_quiz_answered_too(client, learner, synced):
    question = QuizQuestion.objects.filter(topic_id="NP2").first()
    pass_topic(learner, "NP2")
    assert states(client)["NP2"] == "in progress"
    for q in QuizQuestion.objects.filter(topic_id="NP2"):
        QuizAttempt.objects.create(user=learner, question=q, given="0", correct=True)
    assert question and states(client)["NP2"] == "mastered"


def test_next_up_follows_the_goal_in_learning_order_with_the_time_left(client, learner, synced):
    response = client.post(reverse("set_goal"), {"goal": "EI1"}, follow=True)
    assert b"Your goal is now EI1" in response.content
    standing = response.context["standing"]
    assert standing.goal.id == "EI1" and [t.id for t in standing.next_up] == ["PY1"]
    expected = sum(Topic.objects.get(id=t).minutes for t in ("PY1", "NP1", "NP2", "EI1"))
    assert standing.minutes_left == expected
    pass_topic(learner, "PY1")
    assert [t.id for t in client.get("/").context["standing"].next_up] == ["NP1"]  # PY2 is not on the way


def test_an_unknown_goal_is_refused_with_a_message(client, learner, synced):
    response = client.post(reverse("set_goal"), {"goal": "NOPE"}, follow=True)
    assert b"Choose a goal from the list" in response.content


def test_a_locked_topic_can_be_read_and_names_what_is_missing(client, learner, synced):
    pass_topic(learner, "PY1")
    response = client.get(reverse("topic", args=["NP2"]))
    assert response.status_code == 200 and response.context["state"] == "locked"
    assert b"which you have not mastered yet" in response.content and b'href="/topics/NP1/"' in response.content
    assert b"NP2" in response.content and response.context["topic"].lesson_html


def test_the_map_draws_every_topic_with_its_state_and_the_goal_path(client, learner, synced):
    pass_topic(learner, "PY1")
    client.post(reverse("set_goal"), {"goal": "EI1"})
    response = client.get(reverse("map"))
    svg = response.context["svg"]
    assert svg.startswith("<svg") and svg.count('class="node topic') == Topic.objects.count()
    assert 'id="topic_PY1" class="node topic state-mastered on-path"' in svg
    assert 'id="topic_NP1" class="node topic state-available on-path"' in svg
    assert 'id="topic_LA1" class="node topic state-locked"' in svg
    assert 'href="/topics/EI1/"' in svg  # each box is a link
    assert b'aria-label="Topics as a list"' in response.content
    required = Exercise.objects.filter(topic_id="PY1", required=True).count()
    assert f"mastered, exercises {required}/{required}; unlocks " in svg  # the hover and focus summary
    assert "tip_" not in svg
    assert "<title>Map · Groundwork</title>" in response.content.decode()


def test_testing_out_masters_the_topic_and_everything_it_builds_on(client, learner, synced):
    from learning.models import TopicTestOut

    response = client.post(reverse("test_out", args=["NP2"]), follow=True)
    attempt = TopicTestOut.objects.get()
    assert b"Test-out started" in response.content
    assert response.request["PATH_INFO"] == attempt.exercise.get_absolute_url()
    assert attempt.exercise == Exercise.objects.filter(topic_id="NP2", required=True).order_by("-order").first()
    Submission.objects.create(user=learner, exercise=attempt.exercise, code="x", state="done", status="passed")
    s = states(client)
    assert s["NP2"] == "mastered" and s["NP1"] == "mastered" and s["PY1"] == "mastered"
    assert s["PY2"] == "available"  # not something NP2 builds on


def test_a_pass_after_the_deadline_or_a_fail_does_not_test_out(client, learner, synced):
    from datetime import timedelta

    from learning.models import TopicTestOut

    client.post(reverse("test_out", args=["PY1"]))
    attempt = TopicTestOut.objects.get()
    late = Submission.objects.create(user=learner, exercise=attempt.exercise, code="x", state="done", status="passed")
    Submission.objects.filter(pk=late.pk).update(created_at=attempt.deadline + timedelta(seconds=1))
    Submission.objects.create(user=learner, exercise=attempt.exercise, code="x", state="done", status="failed")
    assert states(client)["PY1"] != "mastered"


def test_placement_offers_one_test_out_per_skill(client, learner, synced):
    response = client.get(reverse("placement"))
    skills = [t.skill for t in response.context["checkpoints"]]
    assert len(skills) == len(set(skills)) == len(set(Topic.objects.values_list("skill", flat=True)))
    assert b"Test out of" in response.content
    assert b"Take the placement check" in client.get("/").content


def test_home_and_map_make_the_same_number_of_queries_however_much_work_was_done(client, learner, synced):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get("/map/")  # the map's layout is computed once per graph
    before = {url: count(url) for url in ("/", "/map/")}
    exercises = list(Exercise.objects.all())
    Submission.objects.bulk_create(
        Submission(user=learner, exercise=exercises[i % len(exercises)], code="x", state="done", status="passed")
        for i in range(300)
    )
    assert {url: count(url) for url in ("/", "/map/")} == before
