"""Benchmark of the cohort dashboard: `manage.py bench_cohort [--learners 200] [--submissions 50000]`.

Builds (once; reused on later runs) a cohort of that many learners with that many graded
submissions written straight into the database (a quarter of them failing, with failed-test rows),
padding the curriculum with placeholder topics up to --topics. Then renders the dashboard and the
exercise statistics in-process and prints server time (p50, p95) and the query count of each, for
the full cohort and for a tenth of it (the query count must not grow), as one JSON object.
"""

import json
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from cohorts.models import Cohort, Membership
from curriculum.models import Exercise, Topic
from learning.models import FailedTest, Submission
from learning.page_timing import time_page


class Command(BaseCommand):
    help = "Time the cohort dashboard for a large cohort."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=200)
        parser.add_argument("--topics", type=int, default=40)
        parser.add_argument("--submissions", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument(
            "--build-only",
            action="store_true",
            help="only create the cohorts (scripts/bench-cohort times them in a fresh process, "
            "as a web server would serve them, not in the one that just wrote 50,000 rows)",
        )

    def handle(self, learners, topics, submissions, repeat, build_only, **options):
        if not Exercise.objects.exists():
            raise CommandError("no exercises: run `manage.py content sync` first")
        admin, _ = get_user_model().objects.get_or_create(username="bench-coach")
        big = self.cohort("bench: large", admin, learners, topics, submissions)
        small = self.cohort("bench: tenth", admin, max(1, learners // 10), topics, submissions // 10)
        if connection.vendor == "postgresql":  # as autovacuum leaves a live database: statistics, no dead rows
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        if build_only:
            return
        client = Client(SERVER_NAME="localhost")
        client.force_login(admin)
        out = {"database": connection.vendor, "topics": Topic.objects.filter(retired=False).count()}
        for label, cohort in (("large", big), ("tenth", small)):
            out[label] = {
                "learners": cohort.memberships.filter(role=Membership.LEARNER).count(),
                "submissions": Submission.objects.filter(user__memberships__cohort=cohort).count(),
            }
            for page in ("", "exercises/"):
                out[label][page.rstrip("/") or "dashboard"] = time_page(client, f"/cohorts/{cohort.pk}/{page}", repeat)
        self.stdout.write(json.dumps(out))

    @transaction.atomic
    def cohort(self, name, admin, learners, topics, submissions) -> Cohort:
        cohort = Cohort.objects.filter(name=name).first()
        if cohort:
            return cohort
        self.pad_topics(topics)
        cohort = Cohort.objects.create(name=name, start_date=timezone.localdate() - timedelta(days=60), pace_days=2)
        Membership.objects.create(cohort=cohort, user=admin, role=Membership.ADMIN)
        User = get_user_model()
        users = User.objects.bulk_create(User(username=f"{name[7:]}-{n}") for n in range(learners))
        Membership.objects.bulk_create(Membership(cohort=cohort, user=u) for u in users)
        exercises = list(Exercise.objects.filter(retired=False).order_by("topic__order", "order"))
        rng, now = random.Random(0), timezone.now()
        rows = []
        for n in range(submissions):
            user = users[n % learners]
            reach = max(1, int(len(exercises) * (user.pk % 10 + 1) / 10))  # learners at different stages
            failed = rng.random() < 0.25
            rows.append(
                Submission(
                    user=user,
                    exercise=exercises[rng.randrange(reach)],
                    code="x",
                    state="done",
                    status="failed" if failed else "passed",
                    score=0.5 if failed else 1.0,
                    result={"tests": [{"name": "values", "status": "failed" if failed else "passed"}]},
                )
            )
        subs = Submission.objects.bulk_create(rows, batch_size=2000)
        Submission.objects.filter(pk__in=[s.pk for s in subs]).update(created_at=now - timedelta(days=30))
        FailedTest.objects.bulk_create(
            (
                FailedTest(
                    submission=s,
                    user_id=s.user_id,
                    exercise_id=s.exercise_id,
                    name="values",
                    message="3 of 12 values differ",
                )
                for s in subs
                if s.status == "failed"
            ),
            batch_size=2000,
        )
        return cohort

    def pad_topics(self, topics: int):
        """Placeholder topics (each with one exercise) so the grid has the width asked for."""
        have = Topic.objects.filter(retired=False).count()
        last = Topic.objects.filter(retired=False).order_by("-order").first()
        for n in range(have, topics):
            topic = Topic.objects.create(id=f"ZZ{n}", title=f"Placeholder {n}", skill="ZZ", order=1000 + n)
            topic.prerequisites.add(last)
            Exercise.objects.create(
                topic=topic, slug="placeholder", title="Placeholder", entry_points=["f"], bundle={}, bundle_hash="-"
            )
            last = topic
