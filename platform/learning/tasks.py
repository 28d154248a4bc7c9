"""Celery tasks: grade one submission; sweep for submissions whose task was lost."""
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from grader.backends import get_backend
from grader.protocol import Job, Limits
from learning import services
from learning.models import Submission


@shared_task(name="learning.tasks.grade_submission", acks_late=True)
def grade_submission(submission_id: int) -> str:
    submission = services.claim(submission_id)
    if submission is None:
        return "skipped"
    result = get_backend(settings.GRADER_BACKEND).run(job_for(submission))
    services.record(submission_id, result)
    return result.status


def job_for(submission: Submission) -> Job:
    exercise = submission.exercise
    return Job(code=submission.code, bundle=exercise.bundle, entry_points=exercise.entry_points,
               mode=submission.mode, example=exercise.example, banned=exercise.banned,
               limits=Limits(**exercise.limits), seed=submission.pk,
               device="cpu" if exercise.device == "cpu" else "cuda", bundle_hash=exercise.bundle_hash)


@shared_task(name="learning.tasks.sweep")
def sweep() -> int:
    """Re-enqueue submissions that never reached the broker, waited too long, or whose worker died."""
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.STUCK_AFTER_S)
    Submission.objects.filter(state=Submission.RUNNING, started_at__lt=stuck).update(state=Submission.QUEUED)
    lost = Submission.objects.filter(state=Submission.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lt=now - timedelta(seconds=5)) | Q(enqueued_at__lt=stuck))
    return sum(services.enqueue(pk) for pk in lost.values_list("pk", flat=True))
