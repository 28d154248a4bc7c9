"""The exercise page: drafts, submit and run, bad input, polling, other people's submissions."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from curriculum.models import Exercise
from learning.models import Draft, Submission

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def exercise(synced):
    return Exercise.objects.filter(topic_id="EI2").first()


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada")
    client.force_login(user)
    return user


def urls(exercise):
    args = [exercise.topic_id, exercise.slug]
    return {name: reverse(name, args=args) for name in ("exercise", "save_draft", "submit", "submission_list")}


def test_the_page_shows_statement_and_starter_code_in_the_editor(client, learner, exercise):
    response = client.get(urls(exercise)["exercise"])
    assert response.status_code == 200
    assert b"data-editor" in response.content and b"data-submit-button" in response.content
    assert response.context["code"] == exercise.starter
    assert b"No submissions yet." in response.content


def test_a_saved_draft_comes_back_on_the_next_visit(client, learner, exercise):
    assert client.post(urls(exercise)["save_draft"], {"code": "x = 1\r\n"}).status_code == 204
    assert Draft.objects.get().code == "x = 1\n"
    assert client.get(urls(exercise)["exercise"]).context["code"] == "x = 1\n"


def test_a_draft_over_100_kb_is_refused_and_the_old_one_kept(client, learner, exercise):
    client.post(urls(exercise)["save_draft"], {"code": "x = 1"})
    response = client.post(urls(exercise)["save_draft"], {"code": "#" * 100_001})
    assert response.status_code == 413 and b"the limit is 100 KB" in response.content
    assert Draft.objects.get().code == "x = 1"


def test_submit_creates_a_queued_submission_and_shows_its_live_state(client, learner, exercise):
    response = client.post(urls(exercise)["submit"], {"code": "def f(): pass", "mode": "grade"}, **HTMX)
    submission = Submission.objects.get()
    assert submission.state in ("queued", "running", "done") and submission.mode == "grade"
    assert response["HX-Trigger"] == "submissions-changed"
    assert f'hx-get="/submissions/{submission.pk}/?poll=1"'.encode() in response.content or submission.state == "done"
    assert Draft.objects.get().code == "def f(): pass"


def test_run_is_recorded_as_a_run(client, learner, exercise):
    client.post(urls(exercise)["submit"], {"code": "x = 1", "mode": "run"}, **HTMX)
    assert Submission.objects.get().mode == "run"


@pytest.mark.parametrize(
    "code, message",
    [
        ("   \n", b"Your code is empty"),
        ("#" * 100_001, b"the limit is 100 KB"),
        ("x = 1\ny = '\x00'\n", b"control character (NUL) at line 2, column 6"),
        ("x = 1\x1b[0m\n", b"control character (U+001B) at line 1, column 6"),
    ],
)
@pytest.mark.parametrize("mode", ["grade", "run"])
def test_bad_code_is_refused_with_a_message_and_nothing_is_created(client, learner, exercise, code, message, mode):
    response = client.post(urls(exercise)["submit"], {"code": code, "mode": mode}, **HTMX)
    assert response.status_code == 400 and message in response.content
    assert not Submission.objects.exists()


def test_a_draft_with_a_nul_byte_is_refused_with_a_message_and_the_old_one_kept(client, learner, exercise):
    client.post(urls(exercise)["save_draft"], {"code": "x = 1"})
    response = client.post(urls(exercise)["save_draft"], {"code": "x = 1\x00"})
    assert response.status_code == 400 and b"control character (NUL)" in response.content
    assert Draft.objects.get().code == "x = 1"


def test_tabs_form_feeds_and_windows_line_ends_are_fine(client, learner, exercise):
    assert client.post(urls(exercise)["save_draft"], {"code": "if 1:\r\n\tx = 1\n\x0c\n"}).status_code == 204


def test_too_many_pending_submissions_are_refused(client, learner, exercise, settings):
    settings.MAX_PENDING_SUBMISSIONS = 1
    Submission.objects.create(user=learner, exercise=exercise, code="x")
    response = client.post(urls(exercise)["submit"], {"code": "x = 2"}, **HTMX)
    assert response.status_code == 400 and b"still being graded" in response.content


def test_a_logged_out_submit_gets_a_message_not_a_redirect(client, exercise):
    response = client.post(urls(exercise)["submit"], {"code": "x = 1"}, **HTMX)
    assert response.status_code == 401 and b"You are logged out" in response.content
    assert not Submission.objects.exists()


def test_a_submit_to_an_unknown_exercise_is_a_404(client, learner, synced):
    response = client.post(reverse("submit", args=["EI2", "no-such-exercise"]), {"code": "x = 1"}, **HTMX)
    assert response.status_code == 404 and not Submission.objects.exists()


def test_a_finished_submission_shows_each_test_and_its_message(client, learner, exercise):
    result = {
        "status": "failed",
        "score": 0.5,
        "message": "1 of 2 tests failed.",
        "stdout": "hi",
        "stderr": "",
        "tests": [
            {"name": "random inputs", "status": "passed", "message": "", "points": 1, "details": {}},
            {
                "name": "q_pos != k_pos",
                "status": "failed",
                "message": "`f` returned shape (2, 5); expected (5, 2).",
                "points": 1,
                "details": {},
            },
        ],
        "timings": {"run": 0.2},
        "device": "cpu",
        "grader_id": "process",
        "value": None,
    }
    s = Submission.objects.create(
        user=learner, exercise=exercise, code="x", state="done", status="failed", score=0.5, result=result
    )
    response = client.get(reverse("submission", args=[s.pk]), **HTMX)
    assert b"q_pos != k_pos" in response.content
    assert b"<code>f</code> returned shape (2, 5); expected (5, 2)." in response.content  # backticks set as code
    assert b'hx-trigger="load delay' not in response.content  # done: polling stops


def test_a_pending_submission_keeps_polling(client, learner, exercise):
    s = Submission.objects.create(user=learner, exercise=exercise, code="x")
    response = client.get(reverse("submission", args=[s.pk]), **HTMX)
    assert b"Queued" in response.content and b'hx-trigger="load delay:3s"' in response.content


def test_learner_output_is_shown_as_text_never_as_html(client, learner, exercise):
    result = {"status": "ran", "stdout": "<script>alert(1)</script>", "tests": [], "timings": {}, "value": None}
    s = Submission.objects.create(
        user=learner, exercise=exercise, code="x", state="done", status="ran", result=result, mode="run"
    )
    response = client.get(reverse("submission", args=[s.pk]), **HTMX)
    assert b"<script>alert(1)" not in response.content and b"&lt;script&gt;alert(1)" in response.content


def test_another_learners_submission_is_a_404(client, learner, exercise):
    other = User.objects.create_user("bob")
    s = Submission.objects.create(user=other, exercise=exercise, code="secret")
    assert client.get(reverse("submission", args=[s.pk]), **HTMX).status_code == 404
    assert client.get(urls(exercise)["exercise"] + f"?submission={s.pk}").context["shown"] is None


def test_earlier_submissions_are_listed_newest_first(client, learner, exercise):
    first = Submission.objects.create(user=learner, exercise=exercise, code="a", state="done", status="failed")
    second = Submission.objects.create(user=learner, exercise=exercise, code="b", state="done", status="passed")
    response = client.get(urls(exercise)["submission_list"], **HTMX)
    assert list(response.context["submissions"]) == [second, first]


def run_example_for_real(learner, code: str) -> Submission:
    """A Run of LA1's cos-sim-matrix graded by the real harness (process backend), stored as the worker does."""
    from grader.backends import get_backend
    from learning import services, tasks

    exercise = Exercise.objects.get(topic_id="LA1", slug="cos-sim-matrix")
    s = Submission.objects.create(user=learner, exercise=exercise, code=code, mode="run")
    services.record(s.pk, get_backend("process").run(tasks.job_for(s)))
    s.refresh_from_db()
    return s


def test_a_run_whose_example_differs_from_the_statement_says_so_and_is_never_green(client, learner, synced):
    wrong = (
        "import torch\ndef cos_sim_matrix(X):\n    U = X / X.norm(dim=0, keepdim=True)\n"
        "    return U @ U.T\n"
    )  # normalises columns, not rows
    s = run_example_for_real(learner, wrong)
    assert s.status == "ran" and s.example_check["matches"] is False
    page = client.get(reverse("submission", args=[s.pk]), **HTMX).content.decode()
    assert "Ran the example: it differs from the statement&#x27;s expected value" in page
    assert "verdict-differs" in page and "verdict-passed" not in page
    assert "Your example gives the value above; the statement expects:" in page
    assert "entries of <code>cos_sim_matrix(X)</code> differ; the largest error is" in page
    assert "-0.8944" in page  # the statement's value itself


def test_a_run_whose_example_matches_says_so(client, learner, synced):
    right = "def cos_sim_matrix(X):\n    U = X / X.norm(dim=-1, keepdim=True)\n    return U @ U.T\n"
    s = run_example_for_real(learner, right)
    page = client.get(reverse("submission", args=[s.pk]), **HTMX).content.decode()
    assert "it matches the statement&#x27;s expected value" in page and "verdict-differs" not in page
    assert "Your example gives the value the statement expects" in page
