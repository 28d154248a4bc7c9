"""The submission's event stream (server-sent events): it starts with the current state, pushes each
change and the progress as they happen (Redis pub/sub, or database reads without Redis), and ends
with the verdict. Also: a double click makes one submission. Real Postgres and Redis."""

import json
import queue
import threading
import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from cohorts.models import Cohort, Membership
from curriculum.models import Exercise
from grader.protocol import Result
from learning import broker, events, services
from learning.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def exercise(synced):
    """Queued for a GPU worker that reports itself but runs nowhere: these tests claim and record
    verdicts themselves, and the session's Celery worker (tests/conftest.py), once started, takes only
    the "cpu" queue. There it would grade the same rows meanwhile; its writes deadlocked the flush at
    teardown."""
    from django.utils import timezone

    from learning.models import GraderWorker

    GraderWorker.objects.create(hostname="gpu@nowhere", queues=["gpu"], last_seen=timezone.now())
    exercise = Exercise.objects.filter(topic_id="EI2").first()
    exercise.device = "gpu-required"
    exercise.save()
    return exercise


@pytest.fixture
def learner():
    return User.objects.create_user("ada")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _events(response, into: queue.Queue) -> None:
    """Parse the stream into (event, data) pairs, as EventSource would."""
    name, data = "message", []
    for chunk in response.streaming_content:
        for line in chunk.decode().split("\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and data:
                into.put((name, json.loads("\n".join(data))))
                name, data = "message", []
    into.put(("end", None))


def _follow(user, submission) -> queue.Queue:
    response = _client(user).get(reverse("submission_events", args=[submission.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    events: queue.Queue = queue.Queue()
    threading.Thread(target=_events, args=(response, events), daemon=True).start()
    return events


def test_a_done_submission_streams_its_verdict_at_once_and_ends(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    services.claim(submission.pk)
    services.record(submission.pk, Result("passed", score=1.0))
    events = _follow(learner, submission)
    name, data = events.get(timeout=10)
    assert name == "state" and data["state"] == "done" and "Passed, all tests" in data["html"]
    assert "data-events" not in data["html"]  # nothing left to follow
    assert events.get(timeout=10) == ("end", None)


def test_a_pending_submission_gets_each_change_pushed_with_progress_then_the_verdict(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    events = _follow(learner, submission)
    name, data = events.get(timeout=10)
    assert data["state"] == "queued" and "Queued, waiting for a grader" in data["html"]
    assert 'hx-trigger="load delay' not in data["html"]  # the stream is live: no poll beside it
    services.claim(submission.pk)
    assert events.get(timeout=10)[1]["state"] == "running"
    broker.publish_progress(submission.pk, {"done": 2, "total": 8, "name": "shapes"})
    data = events.get(timeout=10)[1]
    assert data["progress"]["total"] == 8 and "test 3 of 8: shapes" in data["html"]
    started = time.monotonic()
    services.record(submission.pk, Result("failed", score=0.25))
    name, data = events.get(timeout=10)
    assert data["state"] == "done" and data["status"] == "failed" and time.monotonic() - started < 2
    assert events.get(timeout=10) == ("end", None)


def test_a_training_curve_is_drawn_live_from_progress_and_stays_with_the_verdict(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    curve = {"name": "loss", "values": [2.77, 2.5, None, 2.1], "steps": 4, "floor": 1.8, "band": [1.8, 1.9]}
    broker.publish_progress(submission.pk, {"done": 8, "total": 9, "name": "an earlier attempt", "curves": [curve]})
    services.claim(submission.pk)
    events = _follow(learner, submission)
    data = events.get(timeout=10)[1]
    assert data["state"] == "running" and data["progress"] is None and "<svg" not in data["html"]  # a clean start
    broker.publish_progress(submission.pk, {"done": 4, "total": 9, "name": "first loss", "curves": [curve]})
    data = events.get(timeout=10)[1]
    html = data["html"]
    assert html.count("<svg") == 1 and 'class="line"' in html and 'class="floor"' in html
    assert data["progress"] == {"done": 4, "total": 9, "name": "first loss"}  # drawn in the html, not sent twice
    assert (
        "loss so far: 2.77 → 2.10 after 4 steps; best possible 1.80; target 1.80 to 1.90; gaps where the value "
        "was not a number"
    ) in html
    services.record(submission.pk, Result("passed", score=1.0, curves=[dict(curve, values=[2.77, 1.85])]))
    html = events.get(timeout=10)[1]["html"]
    assert "Passed" in html and "loss: 2.77 → 1.85 after 4 steps" in html and html.count("<svg") == 1


def test_without_redis_the_stream_reads_the_database(learner, exercise, settings):
    settings.CELERY_BROKER_URL = "filesystem://"
    broker._client = None
    try:
        submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
        events = _follow(learner, submission)
        assert events.get(timeout=10)[1]["state"] == "queued"
        services.claim(submission.pk)
        services.record(submission.pk, Result("passed", score=1.0))
        state = None
        while state != "done":  # "running" may come first, or be read past: the poll sees what is there
            name, data = events.get(timeout=10)
            assert name == "state"
            state = data["state"]
        assert events.get(timeout=10) == ("end", None)
    finally:
        broker._client = None


def test_another_learners_stream_is_a_404(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    other = _client(User.objects.create_user("eve"))
    assert other.get(reverse("submission_events", args=[submission.pk])).status_code == 404


def test_a_pending_panel_outside_the_stream_names_its_stream_and_polls_slowly(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    response = _client(learner).get(reverse("submission", args=[submission.pk]), HTTP_HX_REQUEST="true")
    assert f'data-events="/submissions/{submission.pk}/events/"'.encode() in response.content
    assert b'hx-trigger="load delay:3s"' in response.content  # the fallback if EventSource fails


def test_a_double_click_makes_one_submission(learner, exercise):
    url = reverse("submit", args=[exercise.topic_id, exercise.slug])
    client = _client(learner)
    replies = [client.post(url, {"code": "x = 1", "mode": "grade"}, HTTP_HX_REQUEST="true") for _ in range(2)]
    assert [r.status_code for r in replies] == [200, 200]
    assert Submission.objects.filter(user=learner).count() == 1


def test_two_identical_submits_at_the_same_moment_make_one_submission(learner, exercise):
    url = reverse("submit", args=[exercise.topic_id, exercise.slug])
    start, codes = threading.Barrier(2), []

    def post():
        client = _client(learner)
        start.wait()
        codes.append(client.post(url, {"code": "x = 2", "mode": "grade"}, HTTP_HX_REQUEST="true").status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert codes == [200, 200] and Submission.objects.filter(user=learner).count() == 1


def test_the_same_code_submitted_again_later_is_a_new_submission(learner, exercise):
    first = services.submit(learner, exercise, "x = 3", "grade")
    Submission.objects.filter(pk=first.pk).update(created_at=first.created_at.replace(year=2000))
    assert services.submit(learner, exercise, "x = 3", "grade").pk != first.pk


# The same stream through the API (/api/v1/submissions/<pk>/events), as the client follows it: a personal token,
# one's own submissions only, and frames that carry the submission as GET /api/v1/submissions/<pk> gives it.


def _api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _api_follow(token, submission) -> queue.Queue:
    response = _api(token).get(f"/api/v1/submissions/{submission.pk}/events")
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    events: queue.Queue = queue.Queue()
    threading.Thread(target=_events, args=(response, events), daemon=True).start()
    return events


def test_the_api_stream_pushes_state_progress_and_the_verdict_as_json(learner, exercise):
    token = ApiToken.issue(learner, "laptop")[1]
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    events = _api_follow(token, submission)
    name, data = events.get(timeout=10)
    assert name == "state" and data["state"] == "queued" and data["id"] == submission.pk
    assert data["headline"] == f"Submission #{submission.pk}: Queued, waiting for a grader…"
    services.claim(submission.pk)
    assert events.get(timeout=10)[1]["headline"] == f"Submission #{submission.pk}: Running your code…"
    broker.publish_progress(submission.pk, {"done": 2, "total": 8, "name": "shapes"})
    data = events.get(timeout=10)[1]
    assert data["progress"]["total"] == 8
    assert data["headline"] == f"Submission #{submission.pk}: Running your code… test 3 of 8: shapes"
    services.record(
        submission.pk,
        Result(
            "failed", score=0.25, tests=[{"name": "shapes", "status": "failed", "message": "Expected shape (2, 3)"}]
        ),
    )
    name, data = events.get(timeout=10)
    assert data["state"] == "done" and data["status"] == "failed" and data["progress"] is None
    assert data["result"]["tests"][0]["message"] == "Expected shape (2, 3)" and data["finished_at"]
    assert events.get(timeout=10) == ("end", None)


def test_the_api_stream_is_the_token_owners_own_only(learner, exercise):
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    eve = User.objects.create_user("eve")
    cohort = Cohort.objects.create(name="Reading group")  # an admin reads her learner's verdicts, not their stream
    Membership.objects.create(cohort=cohort, user=eve, role=Membership.ADMIN)
    Membership.objects.create(cohort=cohort, user=learner, role=Membership.LEARNER)
    url = f"/api/v1/submissions/{submission.pk}/events"
    other = _api(ApiToken.issue(eve, "laptop")[1]).get(url)
    assert other.status_code == 404 and other.json() == {"detail": "Not Found"}
    token = ApiToken.issue(learner, "laptop")[1]
    ApiToken.objects.filter(user=learner).update(revoked_at=timezone.now())
    revoked = _api(token).get(url)
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    assert Client().get(url).status_code == 401


def test_without_redis_the_stream_still_pings_so_a_reader_can_tell_it_is_alive(
    learner, exercise, settings, monkeypatch
):
    settings.CELERY_BROKER_URL = "filesystem://"
    broker._client = None
    monkeypatch.setattr(events, "PING_S", 0.3)  # 15 s in earnest: the API's client calls 45 s of silence a drop
    try:
        submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
        response = _client(learner).get(reverse("submission_events", args=[submission.pk]))
        chunks = iter(response.streaming_content)
        first = [next(chunks).decode() for _ in range(3)]
        response.close()
    finally:
        broker._client = None
    assert first[0].startswith("retry: ") and first[1].startswith("event: state\n") and first[2] == ": ping\n\n"
