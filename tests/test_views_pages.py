"""Sign-up, log-in, the topic list and a topic page."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum.models import Exercise
from learning.models import Submission

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_signing_up_logs_the_learner_in_and_shows_the_topics(client, synced):
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
        follow=True,
    )
    assert response.status_code == 200
    assert b"EI2" in response.content and b"Log out" in response.content


def test_a_bad_sign_up_says_what_is_wrong_and_keeps_the_username(client):
    response = client.post(reverse("signup"), {"username": "ada", "password1": "x", "password2": "y"})
    assert response.status_code == 200
    assert b"The two password fields didn" in response.content and b'value="ada"' in response.content
    assert not User.objects.exists()


def test_a_wrong_password_is_explained(client):
    User.objects.create_user("ada", password="right-password-1")
    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})
    assert b"do not match" in response.content


def test_the_topic_list_shows_progress_per_topic(client, synced):
    user = User.objects.create_user("ada")
    exercise = Exercise.objects.filter(topic_id="EI2").first()
    Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")
    client.force_login(user)
    response = client.get("/")
    ei2 = next(t for t in response.context["topics"] if t.id == "EI2")
    assert ei2.passed_count == 1 and ei2.required_count == Exercise.objects.filter(topic_id="EI2").count()


def test_a_topic_page_shows_the_lesson_and_its_exercises_with_pass_marks(client, synced):
    user = User.objects.create_user("ada")
    exercise = Exercise.objects.filter(topic_id="EI2").first()
    Submission.objects.create(user=user, exercise=exercise, code="x", state="done", status="passed")
    client.force_login(user)
    response = client.get(reverse("topic", args=["EI2"]))
    assert response.status_code == 200
    assert b'class="math inline"' in response.content and exercise.title.encode() in response.content
    assert b"passed" in response.content


def test_an_unknown_topic_is_a_404(client):
    client.force_login(User.objects.create_user("ada"))
    assert client.get(reverse("topic", args=["NOPE"])).status_code == 404


def test_home_offers_to_continue_the_exercise_last_worked_on(client, synced):
    from learning.models import Draft

    user = User.objects.create_user("ada")
    client.force_login(user)
    assert b"New here? Start with" in client.get("/").content
    first, last = Exercise.objects.all()[:2]
    Draft.objects.create(user=user, exercise=first, code="a")
    Draft.objects.create(user=user, exercise=last, code="b")
    response = client.get("/")
    assert response.context["resume"] == last and b"Continue: " in response.content


def test_topics_are_listed_with_every_prerequisite_before_what_needs_it(client, synced):
    client.force_login(User.objects.create_user("ada"))
    topics = client.get("/").context["topics"]
    position = {t.id: i for i, t in enumerate(topics)}
    for topic in topics:
        assert all(position[p] < position[topic.id] for p in topic.prerequisite_ids), topic.id
    assert topics[0].id == "PY1"


def test_every_topic_page_renders_its_lesson_with_maths_for_katex(client, synced):
    client.force_login(User.objects.create_user("ada"))
    for topic_id, spec in synced.items():
        response = client.get(reverse("topic", args=[topic_id]))
        assert response.status_code == 200, topic_id
        if "$" in spec.lesson:
            assert b'class="math' in response.content, topic_id
        for exercise in spec.exercises:
            page = client.get(reverse("exercise", args=[topic_id, exercise.id]))
            assert page.status_code == 200 and b"data-editor" in page.content, f"{topic_id}/{exercise.id}"
