"""Benchmark of the whole path a learner waits for: the submit request, Postgres, the Celery
task on Redis, a worker with the docker backend's fresh pool, and the verdict stored.

`manage.py bench_flow` starts its own worker (GRADER_BACKEND=docker, fresh pool), sends warm-up
submissions, then --jobs submissions spaced so that each finds a warm container, and prints one
JSON object: p50/p95 of request-to-stored-verdict and the median of each phase. scripts/bench-flow
starts the services it needs.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from curriculum import content
from curriculum.models import Exercise
from learning.models import Submission


class Command(BaseCommand):
    help = "Measure submit-to-stored-verdict latency through Celery, Redis, Postgres and the fresh pool."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=20)
        parser.add_argument("--spacing", type=float, default=2.0, help="seconds between submissions")

    def handle(self, jobs, spacing, **options):
        if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis://"):
            raise CommandError("run with DATABASE_URL (Postgres) and CELERY_BROKER_URL (Redis) set: scripts/bench-flow")
        exercise, code = self._exercise()
        worker = self._start_worker()
        try:
            client = Client(SERVER_NAME="localhost")
            client.force_login(get_user_model().objects.get_or_create(username="bench")[0])
            url = reverse("submit", args=[exercise.topic_id, exercise.slug])
            for _ in range(3):
                self._one(client, url, code)
            samples = []
            for _ in range(jobs):
                time.sleep(spacing)  # let the pool refill: measure a job that finds a warm container
                samples.append(self._one(client, url, code))
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        self.stdout.write(json.dumps(self._summary(samples)))

    def _exercise(self):
        spec = content.load(settings.CONTENT_DIR)["EI2"].exercises[0]
        return Exercise.objects.get(topic_id="EI2", slug=spec.id), spec.solution

    def _start_worker(self):
        root = Path(settings.ROOT)
        env = dict(
            os.environ,
            GRADER_BACKEND="docker",
            GRADER_POOL_MODE="fresh",
            GRADER_POOL_SIZE="2",
            PYTHONPATH=f"{root / 'platform'}:{root}",
        )
        worker = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "config",
                "worker",
                "-Q",
                "cpu",
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=root,
            env=env,
        )
        from config.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise CommandError("the Celery worker did not start")
        return worker

    def _one(self, client, url, code) -> dict:
        start = time.perf_counter()
        response = client.post(url, {"code": code, "mode": "grade"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content[:300]
        submission = Submission.objects.filter(user__username="bench").latest("id")
        while True:
            submission.refresh_from_db(fields=["state", "status", "result"])
            if submission.state == Submission.DONE:
                break
            time.sleep(0.002)
        assert submission.status == "passed", submission.result
        timings = submission.result["timings"]
        return {"total": time.perf_counter() - start, **timings}

    def _summary(self, samples: list) -> dict:
        totals = sorted(s["total"] for s in samples)
        p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
        phases = {k: round(statistics.median(s[k] for s in samples) * 1000, 1) for k in ("queued", "start", "run")}
        return {
            "jobs": len(samples),
            "p50_ms": round(statistics.median(totals) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1),
            "phase_p50_ms": phases,
        }
