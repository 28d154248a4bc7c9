"""Concept quizzes: loaded from quiz.yaml, marked at once, every attempt stored."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum import content
from curriculum.models import QuizQuestion, Topic
from learning.models import QuizAttempt

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def questions(db):
    topic = Topic.objects.create(id="QZ1", title="Quiz only", skill="PR")
    choice = QuizQuestion.objects.create(
        topic=topic,
        slug="clt",
        order=0,
        prompt_html="<p>Which?</p>",
        choices=["a", "b", "c"],
        answer=1,
        explanation_html="<p>Because b.</p>",
    )
    number = QuizQuestion.objects.create(
        topic=topic, slug="var", order=1, prompt_html="<p>Var?</p>", answer=2.5, tolerance=0.01
    )
    return choice, number


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def answer(client, question, given):
    return client.post(reverse("answer_question", args=[question.topic_id, question.slug]), {"answer": given}, **HTMX)


def test_a_right_choice_is_marked_right_with_the_explanation(client, learner, questions):
    response = answer(client, questions[0], "1")
    assert b"Right." in response.content and b"Because b." in response.content
    assert QuizAttempt.objects.get().correct is True


def test_a_wrong_choice_asks_for_another_go_without_giving_the_answer_away(client, learner, questions):
    response = answer(client, questions[0], "2")
    assert b"Not quite" in response.content and b"Because b." not in response.content
    assert QuizAttempt.objects.get().correct is False


@pytest.mark.parametrize("given, correct", [("2.5", True), ("2,505", True), ("2.52", False)])
def test_a_numeric_answer_is_marked_within_its_tolerance(client, learner, questions, given, correct):
    answer(client, questions[1], given)
    assert QuizAttempt.objects.get().correct is correct


def test_an_unreadable_answer_is_explained_and_not_stored(client, learner, questions):
    response = answer(client, questions[1], "two and a half")
    assert response.status_code == 400 and b"Enter a number" in response.content
    assert b'value="two and a half"' in response.content  # what was typed is kept
    assert answer(client, questions[0], "").status_code == 400
    assert not QuizAttempt.objects.exists()


def test_the_topic_page_shows_the_quiz_with_the_latest_attempts(client, learner, questions):
    answer(client, questions[0], "2")
    answer(client, questions[0], "1")
    response = client.get(reverse("topic", args=["QZ1"]))
    assert b"Check your understanding" in response.content
    shown = response.context["questions"]
    assert [q.slug for q in shown] == ["clt", "var"] and shown[0].attempt.correct and shown[1].attempt is None


def test_quiz_files_are_loaded_and_checked(tmp_path):
    topic = tmp_path / "topics" / "Q1"
    topic.mkdir(parents=True)
    (topic / "topic.yaml").write_text("title: Q\nskill: PR\n")
    (topic / "lesson.md").write_text("# Q\n")
    (topic / "quiz.yaml").write_text(
        "questions:\n"
        "  - {id: a, prompt: 'p', choices: [x, y], answer: 1, explanation: e}\n"
        "  - {id: b, prompt: 'p', answer: 2.5, tolerance: 0.1}\n"
    )
    [spec] = content.load(tmp_path).values()
    assert [(q.id, q.answer, q.choices) for q in spec.quiz] == [("a", 1, ["x", "y"]), ("b", 2.5, [])]
    (topic / "quiz.yaml").write_text(
        "questions:\n  - {id: a, prompt: 'p', choices: [x, y], answer: 2}\n  - {id: a, prompt: 'p', answer: five}\n"
    )
    with pytest.raises(content.ContentError) as caught:
        content.load(tmp_path)
    assert any("answer must be the index (0 to 1) of a choice" in p for p in caught.value.problems)
    assert any("needs a numeric answer" in p for p in caught.value.problems)
