"""Hostile submissions against the trusted side (process backend): results they cannot make
unstorable or unbounded, a checker they cannot hold, crash or blame, and no check code in a result."""

import json
import time

import pytest

from grader.backends import get_backend
from grader.backends.common import CHECKER_GRACE_S
from grader.protocol import RESULT_MAX_BYTES, Job, Limits

CHECK = """
import torch
from grader.checks import test, learner, expect_tensor, rand

@test("matches a @ b")
def random_inputs():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b), a @ b)
"""
# A check that works on the learner's value before comparing it: a string there makes it raise.
CHECK_USES_VALUE = """
from grader.checks import test, learner, expect_tensor, rand
SECRET_CHECK_LINE = "this line of check.py must never reach a learner"

@test("the sum matches")
def summed():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.bmm(a, b).sum(), (a @ b).sum())
"""
CHECK_BROKEN = """
from grader.checks import test, learner
SECRET_CHECK_LINE = "this line of check.py must never reach a learner"

@test("a check with a bug of its own")
def broken():
    {}["no such key in the check's own data"]
"""
CHECK_SPINS = """
from grader.checks import test, learner, rand

@test("keeps the checker busy after calling the learner")
def spins():
    learner.bmm(rand(2, 3, 4), rand(2, 4, 5))
    while True:
        pass
"""
GOOD = "import torch\ndef bmm(a, b):\n    return a @ b\n"
# The learner's process shares grader.wire with learner code, which can replace what it sends.
SEND_INSTEAD = """
import os, struct, time
import grader.wire as wire
def send(fd, message):
    {body}
wire.send = send
def bmm(a, b):
    return a @ b
"""


def grade(code, check=CHECK, wall_s=2.0):
    job = Job(code=code, bundle={"check.py": check}, entry_points=["bmm"], limits=Limits(wall_s=wall_s), seed=3)
    return get_backend("process").run(job)


@pytest.fixture
def warm():
    """A zygote that is already started, so that a test times the job, not torch's import."""
    assert grade(GOOD).status == "passed"


def stored_text(result) -> str:
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    text.encode("utf-8")  # raises on a lone surrogate
    assert "\x00" not in text and len(text.encode()) <= RESULT_MAX_BYTES
    return text


def test_a_nul_in_printed_output_is_kept_visible_and_storable():
    result = grade("print('before\\x00after')\n" + GOOD)
    assert result.status == "passed"
    assert "before\ufffdafter" in stored_text(result)


def test_a_lone_surrogate_in_an_exception_message_is_storable():
    result = grade("def bmm(a, b):\n    raise ValueError('bad \\ud800 value')\n")
    assert result.status == "failed"
    assert "bad \ufffd value" in stored_text(result)


def test_a_4_mb_exception_class_name_gives_a_bounded_verdict():
    code = "Huge = type('E' * 4_000_000, (Exception,), {})\ndef bmm(a, b):\n    raise Huge('x')\n"
    result = grade(code)
    assert result.status == "failed" and "Your code raised EEEE" in result.tests[0].message
    text = stored_text(result)
    assert "(cut: " in text and len(text.encode()) < 64_000


def test_huge_exception_name_output_and_details_together_stay_under_the_cap():
    code = (
        "import sys\nsys.stdout.write('o' * 2_000_000)\n"
        "Huge = type('E' * 1_000_000, (Exception,), {})\n"
        "def bmm(a, b):\n    raise Huge('m' * 1_000_000)\n"
    )
    result = grade(code)
    assert result.status == "failed"
    stored_text(result)


def test_a_learner_that_starts_an_answer_and_never_finishes_it_times_out_in_its_own_time(warm):
    code = SEND_INSTEAD.format(body="os.write(fd, struct.pack('>I', 1000)); time.sleep(60)")
    started = time.monotonic()
    result = grade(code, wall_s=2.0)
    assert result.status == "timeout" and result.message.startswith("Stopped after 2 s.")
    assert time.monotonic() - started < 2.0 + CHECKER_GRACE_S


def test_an_answer_nested_too_deeply_to_read_is_the_learners_failure_not_the_exercises():
    deep = "body = ('[' * 200000 + ']' * 200000).encode()\n    os.write(fd, struct.pack('>I', len(body)) + body)"
    result = grade(SEND_INSTEAD.format(body=deep))
    assert result.status == "failed", result.message
    assert "could not read (nested too deeply)" in result.message
    assert "bug in this exercise" not in stored_text(result)


def test_a_check_that_chokes_on_the_learners_value_blames_the_value_without_check_source():
    result = grade("def bmm(a, b):\n    return 'not a tensor'\n", check=CHECK_USES_VALUE)
    assert result.status == "failed"
    message = result.tests[0].message
    assert message.startswith("The check could not work with what your code gave it (AttributeError")
    assert "`bmm` returned 'not a tensor'" in message
    text = stored_text(result)
    assert "SECRET_CHECK_LINE" not in text and "check.py" not in text and "Traceback" not in text


def test_a_check_that_fails_on_its_own_data_is_a_bug_in_the_exercise_without_its_source():
    result = grade(GOOD, check=CHECK_BROKEN)
    assert result.status == "error" and "a bug in this exercise" in result.tests[0].message
    text = stored_text(result)
    assert "SECRET_CHECK_LINE" not in text and "check.py" not in text and "no such key" not in text


def test_the_checker_is_stopped_soon_after_the_wall_time_whatever_keeps_it_busy(warm):
    started = time.monotonic()
    result = grade(GOOD, check=CHECK_SPINS, wall_s=1.0)
    assert result.status == "timeout" and "took the grader past the time limit" in result.message
    assert time.monotonic() - started < 2.0 + CHECKER_GRACE_S  # was 25 to 40 s; 6.04 s seen on a busy CI box


@pytest.mark.django_db
def test_hostile_text_is_stored_in_postgres_and_shown(client, synced):
    from django.contrib.auth.models import User
    from django.urls import reverse

    from curriculum.models import Exercise
    from learning import services
    from learning.models import Submission

    user = User.objects.create_user("mallory")
    client.force_login(user)
    exercise = Exercise.objects.filter(topic_id="EI2").first()
    code = (
        "print('a\\x00b')\nHuge = type('E' * 4_000_000, (Exception,), {})\n"
        "def bmm(a, b):\n    raise Huge('bad \\ud800 value')\n"
    )
    result = grade(code)
    submission = Submission.objects.create(user=user, exercise=exercise, code="x", state=Submission.RUNNING)
    assert services.record(submission.pk, result) is True
    submission.refresh_from_db()
    assert submission.state == Submission.DONE and submission.status == "failed"
    assert len(json.dumps(submission.result).encode()) <= RESULT_MAX_BYTES
    assert "a\ufffdb" in submission.result["stdout"]
    page = client.get(reverse("submission", args=[submission.pk]), HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and "(cut: " in page.content.decode()
