"""Benchmark of the learner's pages: `manage.py bench_pages [--submissions 500]`.

Creates (or reuses) a learner with that many graded submissions spread over the exercises, then
renders the home page and the map repeatedly in-process, printing server time (p50, p95) and the
number of database queries of each, as one JSON object. Needs `content sync` to have run.
"""

import json
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from curriculum.models import Exercise
from learning.models import Submission
from learning.page_timing import time_page


class Command(BaseCommand):
    help = "Time the home page and the map for a learner with many submissions."

    def add_arguments(self, parser):
        parser.add_argument("--submissions", type=int, default=500)
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, submissions, repeat, **options):
        exercises = list(Exercise.objects.all())
        if not exercises:
            raise CommandError("no exercises: run `manage.py content sync` first")
        user, _ = get_user_model().objects.get_or_create(username="bench-pages")
        missing = submissions - Submission.objects.filter(user=user).count()
        rng = random.Random(0)
        Submission.objects.bulk_create(
            Submission(
                user=user,
                exercise=rng.choice(exercises),
                code="x",
                state="done",
                status=rng.choice(["passed", "failed"]),
                score=1,
            )
            for _ in range(max(missing, 0))
        )
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        out = {"submissions": Submission.objects.filter(user=user).count(), "database": connection.vendor}
        for name, url in (("home", "/"), ("map", "/map/")):
            out[name] = time_page(client, url, repeat)
        self.stdout.write(json.dumps(out))
