"""The whole submission flow through real Postgres, real Redis and a real Celery worker."""

import os
import re
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import User

from conftest import ROOT, database_url_for_other_processes, wait_until_done
from curriculum.models import Exercise
from learning import services
from learning.models import Submission
from learning.tasks import sweep

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exercise(synced, content_topics):
    spec = content_topics["EI2"].exercises[0]
    return spec, Exercise.objects.get(topic_id="EI2", slug=spec.id)


def test_a_correct_submission_is_graded_passed_by_the_worker(celery_worker_process, exercise):
    spec, row = exercise
    submission = wait_until_done(services.submit(User.objects.create_user("ada"), row, spec.solution, "grade"))
    assert submission.status == "passed" and submission.score == 1.0
    assert submission.bundle_hash == row.bundle_hash and submission.attempts == 1
    assert submission.result["timings"]["queued"] >= 0 and submission.result["seed"] == submission.pk
    # Graded by a pool process, which inherited this start's identity from the worker's main process.
    assert re.fullmatch(r"\S+@\S+ [0-9a-f]{12}", submission.grader), submission.grader


def test_a_wrong_submission_is_graded_failed_with_messages(celery_worker_process, exercise):
    spec, row = exercise
    mutant = next(iter(spec.mutants.values()))
    submission = wait_until_done(services.submit(User.objects.create_user("ada"), row, mutant, "grade"))
    assert submission.status == "failed" and submission.score < 1
    assert any(t["status"] == "failed" and t["message"] for t in submission.result["tests"])


def test_an_infinite_loop_gets_a_timeout_and_the_worker_keeps_serving(celery_worker_process, exercise):
    spec, row = exercise
    user = User.objects.create_user("ada")
    loop = "def _spin():\n    while True:\n        pass\n" + "\n".join(
        f"def {name}(*args):\n    _spin()\n" for name in spec.entry_points
    )
    row.limits = {"wall_s": 2}
    row.save()
    hung = wait_until_done(services.submit(user, row, loop, "grade"))
    assert hung.status == "timeout" and "it may never end" in hung.result["message"]
    good = wait_until_done(services.submit(user, row, spec.solution, "grade"))
    assert good.status == "passed"


def test_run_mode_returns_the_examples_value(celery_worker_process, exercise):
    spec, row = exercise
    submission = wait_until_done(services.submit(User.objects.create_user("ada"), row, spec.solution, "run"))
    assert submission.status == "ran" and submission.result["value"]["type"]


def test_a_submission_made_while_the_broker_is_down_is_kept_and_graded_after_the_sweep(celery_worker_process, exercise):
    spec, row = exercise
    user = User.objects.create_user("ada")
    env = dict(
        os.environ,
        DATABASE_URL=database_url_for_other_processes(),
        CELERY_BROKER_URL="redis://127.0.0.1:9/0",
        PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}",
    )
    script = (
        "import django, sys; django.setup(); from django.contrib.auth.models import User; "
        "from curriculum.models import Exercise; from learning import services; "
        f"print(services.submit(User.objects.get(pk={user.pk}), Exercise.objects.get(pk={row.pk}), "
        "sys.stdin.read(), 'grade').pk)"
    )
    web = subprocess.run(
        [sys.executable, "-c", script],
        input=spec.solution,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert web.returncode == 0, web.stderr
    submission = Submission.objects.get(pk=int(web.stdout.split()[-1]))
    assert submission.state == "queued" and submission.enqueued_at is None  # kept, not lost
    Submission.objects.filter(pk=submission.pk).update(created_at=submission.created_at.replace(year=2000))
    assert sweep() == 1
    assert wait_until_done(submission).status == "passed"


def test_recording_a_result_twice_is_harmless(celery_worker_process, exercise):
    spec, row = exercise
    submission = wait_until_done(services.submit(User.objects.create_user("ada"), row, spec.solution, "grade"))
    from grader.protocol import Result

    assert services.record(submission.pk, Result("failed", score=0)) is False
    submission.refresh_from_db()
    assert submission.status == "passed"
    from learning.tasks import grade_submission

    assert grade_submission(submission.pk) == "skipped"  # a duplicate task does not grade again


def test_a_connection_postgres_dropped_is_replaced_before_the_next_request(synced):
    """A Postgres restart drops every connection; CONN_HEALTH_CHECKS makes the next request's start
    (close_old_connections) notice and reconnect, instead of failing that request with a 500."""
    from django.db import close_old_connections, connection
    from psycopg import connect

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    settings = connection.settings_dict
    with connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        dbname="postgres",
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    close_old_connections()  # what Django runs at every request's start
    assert Exercise.objects.filter(topic_id="EI2").exists()


def test_the_worker_publishes_running_progress_and_done_on_the_submissions_channel(celery_worker_process, exercise):
    import json

    from learning import broker

    spec, row = exercise
    user = User.objects.create_user("ada")
    redis = broker.client()
    events = redis.pubsub()
    events.psubscribe(broker.channel(redis, "*"))
    submission = wait_until_done(services.submit(user, row, spec.solution, "grade"))
    messages, deadline = [], time.monotonic() + 10
    while {"state": "done"} not in messages and time.monotonic() < deadline:
        message = events.get_message(ignore_subscribe_messages=True, timeout=1)  # None for the subscribe reply
        if message and message["channel"].decode() == broker.channel(redis, submission.pk):
            messages.append(json.loads(message["data"]))
    events.close()
    tests = len(submission.result["tests"])
    assert messages[0] == {"state": "running"} and messages[-1] == {"state": "done"}
    assert [m["progress"]["done"] for m in messages if "progress" in m] == list(range(tests))
    assert broker.progress(submission.pk)["total"] == tests  # kept for a page that connects later
