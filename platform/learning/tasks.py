"""Celery tasks: grade one submission; sweep for submissions whose task was lost."""
import logging
import threading
import time
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_shutdown, worker_ready
from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from grader.backends import get_backend
from grader.protocol import Job, Limits
from learning import routing, services
from learning.models import Submission

log = logging.getLogger(__name__)


@shared_task(name="learning.tasks.grade_submission", acks_late=True)
def grade_submission(submission_id: int, device: str = "cpu") -> str:
    submission = services.claim(submission_id)
    if submission is None:
        return "skipped"
    result = get_backend(settings.GRADER_BACKEND).run(job_for(submission, device))
    services.record(submission_id, result)
    return result.status


def job_for(submission: Submission, device: str = "cpu") -> Job:
    exercise = submission.exercise
    return Job(code=submission.code, bundle=exercise.bundle, entry_points=exercise.entry_points,
               mode=submission.mode, example=exercise.example, banned=exercise.banned,
               limits=Limits(**exercise.limits), seed=submission.pk, device=device,
               bundle_hash=exercise.bundle_hash)


@worker_ready.connect
def start_reporting(sender, **kwargs):
    """Each worker says every 15 s which queues it serves, so routing knows whether a GPU is there."""
    hostname, queues = sender.hostname, list(sender.app.amqp.queues.consume_from)

    def report():
        while True:
            try:
                routing.report_alive(hostname, queues)
            except Exception:
                log.exception("could not report this worker's queues")
            finally:
                connections.close_all()
            time.sleep(15)

    threading.Thread(target=report, daemon=True, name="grader-heartbeat").start()


@worker_process_shutdown.connect
def close_grader_backend(**kwargs):
    """A prefork child leaves through os._exit, which skips atexit: stop its warm sandbox containers
    here, or every worker restart would leave them behind."""
    from grader import backends

    for backend in list(backends._backends.values()):
        if hasattr(backend, "close"):
            backend.close()


@shared_task(name="learning.tasks.sweep")
def sweep() -> int:
    """Re-enqueue submissions that never reached the broker, waited too long, or whose worker died."""
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.STUCK_AFTER_S)
    Submission.objects.filter(state=Submission.RUNNING, started_at__lt=stuck).update(state=Submission.QUEUED)
    lost = Submission.objects.filter(state=Submission.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lt=now - timedelta(seconds=5)) | Q(enqueued_at__lt=stuck))
    return sum(services.enqueue(pk) for pk in lost.values_list("pk", flat=True))
