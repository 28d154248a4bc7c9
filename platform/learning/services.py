"""Creating submissions and recording their results: the writes that span the flow."""

import logging
import re
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from grader.protocol import storable
from learning import broker, routing
from learning.models import Draft, FailedTest, Submission

GRADE_TASK = "learning.tasks.grade_submission"
log = logging.getLogger(__name__)


DOUBLE_CLICK_S = 2  # an identical pending submission this recent is the same click, sent twice


class Refused(Exception):
    """A submission that cannot be taken, with a message for the learner."""


# Control characters Python source never needs (tab, newline, carriage return and form feed are fine).
# NUL cannot even be stored in Postgres; the others are almost always pasted in by accident.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_code(code: str) -> str:
    code = (code or "").replace("\r\n", "\n")
    size = len(code.encode())
    if size > settings.MAX_CODE_BYTES:
        raise Refused(
            f"Your code is {size / 1000:.0f} KB; the limit is {settings.MAX_CODE_BYTES // 1000} KB. "
            "Nothing was lost: it is still in the editor."
        )
    bad = CONTROL.search(code)
    if bad:
        line = code.count("\n", 0, bad.start()) + 1
        column = bad.start() - (code.rfind("\n", 0, bad.start()) + 1) + 1
        name = "NUL" if bad.group() == "\0" else f"U+{ord(bad.group()):04X}"
        raise Refused(
            f"Your code contains an invisible control character ({name}) at line {line}, column "
            f"{column}, which Python cannot read; it was probably pasted in. The editor shows it as "
            "a red dot: delete it, then try again. Nothing was lost: your code is still in the editor."
        )
    return code


def save_draft(user, exercise, code: str) -> None:
    # One INSERT ... ON CONFLICT: autosave and every submit write it, so no SELECT and savepoint first.
    Draft.objects.bulk_create(
        [Draft(user=user, exercise=exercise, code=clean_code(code))],
        update_conflicts=True,
        unique_fields=["user", "exercise"],
        update_fields=["code", "updated_at"],
    )


def submit(user, exercise, code: str, mode: str) -> Submission:
    code = clean_code(code)
    if not code.strip():
        raise Refused("Your code is empty: write your solution in the editor first.")
    with transaction.atomic():
        # One submit per learner at a time (a row lock on the user): a double click's two requests
        # cannot both pass the checks below.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        pending = list(
            Submission.objects.filter(user=user, state__in=[Submission.QUEUED, Submission.RUNNING])
            .order_by("created_at")
            .only("exercise_id", "mode", "code", "created_at")
        )
        recent = timezone.now() - timedelta(seconds=DOUBLE_CLICK_S)
        twin = next(
            (
                p
                for p in pending
                if p.exercise_id == exercise.pk and p.mode == mode and p.code == code and p.created_at > recent
            ),
            None,
        )
        if twin is not None:
            return Submission.objects.get(pk=twin.pk)  # the same job, sent twice: the one already queued
        if len(pending) >= settings.MAX_PENDING_SUBMISSIONS:
            raise Refused(f"You have {len(pending)} submissions still being graded; wait for one to finish.")
        save_draft(user, exercise, code)
        submission = Submission.objects.create(user=user, exercise=exercise, code=code, mode=mode)
        transaction.on_commit(lambda: enqueue(submission.pk, exercise))
    return submission


def enqueue(submission_id: int, exercise=None) -> bool:
    """Send the grading task. If the broker is down the row stays queued; the sweep retries. `exercise`:
    the submission's, when the caller has it at hand (one query less on every submit)."""
    if exercise is None:
        exercise = Submission.objects.select_related("exercise").get(pk=submission_id).exercise
    queue, device = routing.route(exercise)
    try:  # by name: learning.tasks imports this module
        current_app.send_task(GRADE_TASK, args=[submission_id, device], queue=queue, retry=False)
    except Exception:
        log.exception("could not enqueue submission %s; the sweep will retry", submission_id)
        return False
    broker.mark_queued(submission_id)  # the sweep leaves it alone while this mark lives
    Submission.objects.filter(pk=submission_id).update(enqueued_at=timezone.now())
    return True


def claim(submission_id: int, task_id: str = "", grader: str = ""):
    """Mark a queued submission running, or None: it is gone, done, or running under another task (a
    duplicate). The same task finding its row running was redelivered because its worker died
    (acks_late, reject_on_worker_lost): it takes the row back, as a new attempt. A row the grader has
    already failed GRADER_MAX_ATTEMPTS times gets its final verdict instead."""
    broker.unmark_queued(submission_id)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.state == Submission.DONE:
            return None
        redelivered = submission.state == Submission.RUNNING and task_id and submission.task_id == task_id
        if submission.state != Submission.QUEUED and not redelivered:
            return None
        if redelivered:
            log.warning(
                "submission %s: its task came back (its worker died, or the database was away) "
                "after attempt %s; grading it again",
                submission_id,
                submission.attempts,
            )
        if submission.attempts >= settings.GRADER_MAX_ATTEMPTS:
            _give_up(submission, "its worker stopped while grading it" if redelivered else "earlier attempts failed")
            return None
        submission.state, submission.started_at = Submission.RUNNING, timezone.now()
        submission.attempts += 1
        submission.task_id, submission.grader = task_id[:64], grader[:255]
        submission.save(update_fields=["state", "started_at", "attempts", "task_id", "grader"])
    broker.clear_progress(submission_id)
    broker.publish(submission_id, {"state": Submission.RUNNING})
    return submission


def retry(submission_id: int, why: str) -> bool:
    """The grader failed on a running submission (a crashed sandbox, a lost or stalled worker): queue
    it again, not counted as the learner's attempt, or give it its final verdict after
    GRADER_MAX_ATTEMPTS tries. True when it was queued again."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.state != Submission.RUNNING:
            return False
        if submission.attempts >= settings.GRADER_MAX_ATTEMPTS:
            _give_up(submission, why)
            return False
        log.warning(
            "submission %s: %s (attempt %s of %s); queued again",
            submission_id,
            why,
            submission.attempts,
            settings.GRADER_MAX_ATTEMPTS,
        )
        submission.state = Submission.QUEUED
        submission.save(update_fields=["state"])
        transaction.on_commit(lambda: enqueue(submission_id))
    broker.publish(submission_id, {"state": Submission.QUEUED})
    return True


def _give_up(submission: Submission, why: str) -> None:
    """The final verdict after repeated grader failures: the learner reads what happened, the admin
    finds the status "grader-failed" (and the operator this log line); no learner attempt is counted."""
    log.error(
        "submission %s: grader failed %s times, last because %s; giving up (status %s)",
        submission.pk,
        submission.attempts,
        why,
        Submission.GRADER_FAILED,
    )
    submission.result = storable(
        {
            "status": Submission.GRADER_FAILED,
            "score": None,
            "tests": [],
            "stdout": "",
            "stderr": "",
            "message": f"The grader failed {submission.attempts} times on this submission ({why}), so it stopped "
            "trying. This is not your fault and does not count as an attempt. Submit again; if it "
            "happens again, tell your cohort's admin.",
            "timings": {},
            "grader_id": submission.grader,
            "seed": submission.pk,
        }
    )
    submission.status, submission.score = Submission.GRADER_FAILED, None
    submission.state, submission.finished_at = Submission.DONE, timezone.now()
    submission.save()
    transaction.on_commit(lambda: broker.publish(submission.pk, {"state": Submission.DONE}))


def storable_result(result) -> dict:
    """The result as Postgres will store it, whatever sandbox built it (an older grader image, say):
    text without NUL or lone surrogates, at most protocol.RESULT_MAX_BYTES. A verdict that cannot be
    stored would leave the submission running, to be graded again and again."""
    try:
        return result.to_dict()  # Result.to_dict is this process's own code: it makes the dict storable
    except Exception:  # a result too odd to serialize at all still ends the submission
        log.exception("a grader result could not be made storable")
        return storable(
            {
                "status": "crashed",
                "score": 0.0,
                "tests": [],
                "stdout": "",
                "stderr": "",
                "message": "The grader's result could not be stored; this is not your fault. Try again.",
            }
        )


def record(submission_id: int, result) -> bool:
    """Write a result once; a second result for the same submission is ignored."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.state == Submission.DONE:
            return False
        queued_s = (submission.started_at - submission.created_at).total_seconds() if submission.started_at else 0
        result.timings["queued"] = round(queued_s, 4)
        submission.result = storable_result(result)
        submission.status, submission.score = submission.result["status"], submission.result["score"]
        submission.bundle_hash = result.bundle_hash
        submission.state, submission.finished_at = Submission.DONE, timezone.now()
        # Only what a verdict changes: the code and the rest stay as they are (and are not sent again).
        submission.save(update_fields=["result", "status", "score", "bundle_hash", "state", "finished_at"])
        if submission.mode == Submission.GRADE:
            FailedTest.objects.bulk_create(FailedTest.from_result(submission, submission.result))
    broker.publish(submission_id, {"state": Submission.DONE})
    return True
