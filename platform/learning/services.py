"""Creating submissions and recording their results: the writes that span the flow."""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from grader.protocol import storable
from learning import routing
from learning.models import Draft, FailedTest, Submission

log = logging.getLogger(__name__)


class Refused(Exception):
    """A submission that cannot be taken, with a message for the learner."""


def clean_code(code: str) -> str:
    code = (code or "").replace("\r\n", "\n")
    size = len(code.encode())
    if size > settings.MAX_CODE_BYTES:
        raise Refused(f"Your code is {size / 1000:.0f} KB; the limit is {settings.MAX_CODE_BYTES // 1000} KB. "
                      "Nothing was lost: it is still in the editor.")
    return code


def save_draft(user, exercise, code: str) -> Draft:
    draft, _ = Draft.objects.update_or_create(user=user, exercise=exercise, defaults={"code": clean_code(code)})
    return draft


def submit(user, exercise, code: str, mode: str) -> Submission:
    code = clean_code(code)
    if not code.strip():
        raise Refused("Your code is empty: write your solution in the editor first.")
    pending = Submission.objects.filter(user=user, state__in=[Submission.QUEUED, Submission.RUNNING]).count()
    if pending >= settings.MAX_PENDING_SUBMISSIONS:
        raise Refused(f"You have {pending} submissions still being graded; wait for one to finish.")
    with transaction.atomic():
        save_draft(user, exercise, code)
        submission = Submission.objects.create(user=user, exercise=exercise, code=code, mode=mode)
        transaction.on_commit(lambda: enqueue(submission.pk))
    return submission


def enqueue(submission_id: int) -> bool:
    """Send the grading task. If the broker is down the row stays queued; the sweep retries."""
    from learning.tasks import grade_submission

    submission = Submission.objects.select_related("exercise").get(pk=submission_id)
    queue, device = routing.route(submission.exercise)
    try:
        grade_submission.apply_async(args=[submission_id, device], queue=queue, retry=False)
    except Exception:
        log.exception("could not enqueue submission %s; the sweep will retry", submission_id)
        return False
    Submission.objects.filter(pk=submission_id).update(enqueued_at=timezone.now())
    return True


def claim(submission_id: int):
    """Mark a queued submission running; None if it is gone, running elsewhere or done (a duplicate task)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.state != Submission.QUEUED:
            return None
        submission.state, submission.started_at = Submission.RUNNING, timezone.now()
        submission.attempts += 1
        submission.save(update_fields=["state", "started_at", "attempts"])
        return submission


def storable_result(result) -> dict:
    """The result as Postgres will store it, whatever sandbox built it (an older grader image, say):
    text without NUL or lone surrogates, at most protocol.RESULT_MAX_BYTES. A verdict that cannot be
    stored would leave the submission running, to be graded again and again."""
    try:
        return storable(result.to_dict())
    except Exception:  # a result too odd to serialize at all still ends the submission
        log.exception("a grader result could not be made storable")
        return storable({"status": "crashed", "score": 0.0, "tests": [], "stdout": "", "stderr": "",
                         "message": "The grader's result could not be stored; this is not your fault. Try again."})


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
        submission.save()
        if submission.mode == Submission.GRADE:
            FailedTest.objects.bulk_create(FailedTest.from_result(submission, submission.result))
        return True

