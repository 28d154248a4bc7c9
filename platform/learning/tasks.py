"""Celery tasks: grade one submission; sweep for submissions whose task was lost."""

import logging
import threading
import time
import uuid
from dataclasses import replace
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_init, worker_process_init, worker_process_shutdown, worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from grader import config as grader_config
from grader.backends import get_backend
from grader.backends.common import START_GRACE_S, longest_run_s
from grader.protocol import Job, Limits
from learning import broker, routing, services
from learning.models import GraderWorker, Submission

log = logging.getLogger(__name__)
STALL_MARGIN_S = 30  # slack on top of an exercise's own limits before a running row counts as stuck
DATABASE_RETRY_S, DATABASE_RETRIES = 5, 24  # a database that is back within two minutes costs no sweep
# The grader's settings with this start of the worker's identity (node, boot), set in the worker's main
# process before its pool forks (the pool processes inherit it); None outside a worker.
_worker_config: grader_config.GraderConfig | None = None


# acks_late + reject_on_worker_lost: if the process grading a task dies, the broker hands the same
# task out again and services.claim lets it take its row back.
@shared_task(name="learning.tasks.grade_submission", bind=True, acks_late=True, reject_on_worker_lost=True)
def grade_submission(self, submission_id: int, device: str = "cpu") -> str:
    try:
        return _grade(self, submission_id, device)
    except (OperationalError, InterfaceError) as e:
        # The database went away (Postgres restarting): try again in a few seconds with the same task
        # id, which claim accepts, instead of leaving the row to the sweep (its wall time + 95 s later).
        log.warning(
            "submission %s: the database is unavailable (%s); trying again in %s s",
            submission_id,
            str(e).strip().splitlines()[0][:200],
            DATABASE_RETRY_S,
        )
        connections.close_all()
        raise self.retry(countdown=DATABASE_RETRY_S, max_retries=DATABASE_RETRIES) from e


def _grade(self, submission_id: int, device: str) -> str:
    submission = services.claim(submission_id, self.request.id or "", grader_name())
    if submission is None:
        return "skipped"
    progress = None if broker.client() is None else (lambda p: broker.publish_progress(submission_id, p))
    result = grader_backend().run(job_for(submission, device), on_progress=progress)
    if result.grader_fault:  # the sandbox died, not the learner's code: not the learner's attempt
        services.retry(submission_id, f"the sandbox failed: {result.stderr[-300:].strip() or result.message}")
        return "retried"
    services.record(submission_id, result)
    return result.status


def worker_config() -> grader_config.GraderConfig:
    """The grader's settings, with this worker's identity once the worker has started."""
    return _worker_config or grader_config.current()


def grader_backend():
    return get_backend(settings.GRADER_BACKEND, worker_config())


def grader_name() -> str:
    """This worker as submissions remember it: its Celery node name and the id of this start of it."""
    config = worker_config()
    return f"{config.node} {config.boot}".strip()


def job_for(submission: Submission, device: str = "cpu") -> Job:
    exercise = submission.exercise
    return Job(
        code=submission.code,
        bundle=exercise.bundle,
        entry_points=exercise.entry_points,
        mode=submission.mode,
        example=exercise.example,
        banned=exercise.banned,
        limits=Limits(**exercise.limits),
        seed=submission.pk,
        device=device,
        bundle_hash=exercise.bundle_hash,
    )


@worker_init.connect
def clean_up_after_predecessors(sender, **kwargs):
    """Runs in the worker's main process before its pool starts. A worker that died (killed, OOM, the
    host restarted) left rows running and, with the docker backend, sandbox containers behind: this
    start of the worker gets an id of its own, queues its predecessors' rows again and removes their
    containers. The pool processes, forked from this one, inherit the id with the grader's settings."""
    global _worker_config
    node = sender.hostname
    _worker_config = replace(grader_config.current(), node=node, boot=uuid.uuid4().hex[:12])
    try:
        for pk in (
            Submission.objects.filter(state=Submission.RUNNING, grader__startswith=f"{node} ")
            .exclude(grader=grader_name())
            .values_list("pk", flat=True)
        ):
            services.retry(pk, "its worker stopped while grading it")
        if settings.GRADER_BACKEND == "docker":
            from grader.backends.docker import remove_leftovers

            dead = set(
                GraderWorker.objects.filter(last_seen__lte=timezone.now() - GraderWorker.FRESH_FOR).values_list(
                    "hostname", flat=True
                )
            )
            removed = remove_leftovers(node, _worker_config.boot, dead)
            if removed:
                log.warning("removed %s sandbox containers that stopped workers left behind", removed)
    except Exception:
        log.exception("could not clean up after this worker's predecessors")
    finally:
        connections.close_all()  # the pool processes fork from here: they must not share a connection


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


@worker_process_init.connect
def warm_grader_backend(**kwargs):
    """Each pool process starts its backend at once (the docker one fills its warm pool in the
    background), so the first learners after a start do not wait for a cold sandbox."""
    try:
        grader_backend()
    except Exception:  # no Docker yet, say: the first task tries again and its verdict says why
        log.exception("could not start the grader backend")


@worker_process_shutdown.connect
def close_grader_backend(**kwargs):
    """A prefork child leaves through os._exit, which skips atexit: stop its warm sandbox containers
    here, or every worker restart would leave them behind."""
    from grader import backends

    backends.close_all()


@shared_task(name="learning.tasks.sweep")
def sweep() -> int:
    """Queue again what the grader dropped: running rows past their exercise's own time limits or whose
    worker stopped reporting, and queued rows the broker lost. A row whose task is still waiting in
    Redis (its mark lives) is never sent twice. Returns how many tasks were sent."""
    now = timezone.now()
    for pk in stalled(now):
        services.retry(pk, "it ran past its time limits, or its worker stopped reporting")
    queued = list(Submission.objects.filter(state=Submission.QUEUED).values_list("pk", "enqueued_at", "created_at"))
    marks = broker.queued_marks([pk for pk, _, _ in queued])
    lost = []
    for i, (pk, enqueued_at, created_at) in enumerate(queued):
        if enqueued_at is None:
            lost += [pk] if created_at < now - timedelta(seconds=5) else []
        elif marks is None:  # no Redis to ask: assume lost after a while
            lost += [pk] if enqueued_at < now - timedelta(seconds=settings.STUCK_AFTER_S) else []
        elif not marks[i] and enqueued_at < now - timedelta(seconds=5):
            lost.append(pk)  # not waiting in Redis (a restart without its data lost it), nor claimed
    return sum(services.enqueue(pk) for pk in lost)


def stalled(now) -> list:
    """Running rows that no worker is still grading: past the exercise's wall time plus the sandbox's
    start and checker graces (and a margin), or claimed by a worker that stopped reporting."""
    recent = GraderWorker.objects.filter(last_seen__gt=now - GraderWorker.FRESH_FOR)
    alive = set(recent.values_list("hostname", flat=True))
    out = []
    for pk, started_at, grader, limits in Submission.objects.filter(state=Submission.RUNNING).values_list(
        "pk", "started_at", "grader", "exercise__limits"
    ):
        budget = longest_run_s(Limits(**(limits or {}))) + START_GRACE_S + STALL_MARGIN_S
        node = grader.split(" ")[0]
        if started_at < now - timedelta(seconds=budget) or (node and node not in alive):
            out.append(pk)
    return out
