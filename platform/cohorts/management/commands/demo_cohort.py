"""Creates a demo cohort of simulated learners at different stages, with real graded submissions:
each piece of code (a reference solution, or one of the exercise's known-wrong mutants) is graded
once by the configured grader and its verdict reused, so a new admin sees a living dashboard."""

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort, Invite, Membership
from curriculum import content
from curriculum.models import Exercise, QuizQuestion
from curriculum.validate import job_for
from grader.backends import get_backend
from learning import progress, services
from learning.models import QuizAttempt, Submission

NAMES = ["ada", "ben", "chloe", "dev", "emeka", "fatima", "goro", "hana", "ivan", "jun", "kofi", "lena"]
PREFIX = "demo-"  # simulated learners only: their work is rebuilt each time, nobody else's is touched


class Command(BaseCommand):
    help = "Create (or recreate) the demo cohort 'Demo cohort' run by the demo 'admin', with simulated learners."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10)
        parser.add_argument("--topics", type=int, default=6, help="how far along the goal path the best learner is")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-missing", action="store_true", help="do nothing if the demo cohort exists")

    def handle(self, learners, topics, seed, if_missing, **options):
        if if_missing and Cohort.objects.filter(name="Demo cohort").exists():
            self.stdout.write("The demo cohort exists; `manage.py demo_cohort` rebuilds it.")
            return
        rng = random.Random(seed)
        User = get_user_model()
        admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        Cohort.objects.filter(name="Demo cohort").delete()
        graph = progress.load_graph()
        goal, goal_path = graph.goal(settings.DEFAULT_GOAL_TOPIC)
        goal_path = goal_path[: topics + 1]
        cohort = Cohort.objects.create(
            name="Demo cohort", goal=goal, pace_days=4, start_date=timezone.localdate() - timedelta(days=4 * topics)
        )
        Membership.objects.create(cohort=cohort, user=admin, role=Membership.ADMIN)
        Invite.create_for(cohort, admin, days=None)
        plan = self.plan(goal_path, learners, rng)
        verdicts = self.grade(plan)
        with transaction.atomic():
            for username, events in plan.items():
                self.simulate(cohort, username, events, verdicts)
        self.stdout.write(
            f"Demo cohort #{cohort.pk}: {learners} learners, {len(verdicts)} distinct pieces of code "
            f"graded; log in as 'admin' and open /cohorts/{cohort.pk}/"
        )

    def plan(self, goal_path: list, learners: int, rng) -> dict:
        """username -> [(exercise row, spec, code label, days ago)]: solved topics, then a stuck one."""
        specs = {(t.id, e.id): e for t in content.load(settings.CONTENT_DIR).values() for e in t.exercises}
        rows = {(e.topic_id, e.slug): e for e in Exercise.objects.filter(retired=False, topic_id__in=goal_path)}
        plan = {}
        for n in range(learners):
            reached = round((n + 1) / learners * (len(goal_path) - 1))  # learner n has mastered this many topics
            events: list[tuple] = []
            for i, tid in enumerate(goal_path[: reached + 1]):
                for key in sorted(k for k in rows if k[0] == tid):
                    spec = specs[key]
                    wrong = rng.sample(sorted(spec.mutants), k=min(len(spec.mutants), rng.choice([0, 1, 1, 2])))
                    if i == reached:  # the topic they are on now: wrong tries, some of them many
                        wrong = sorted(spec.mutants)[: rng.choice([1, 2, 3])] * rng.choice([1, 1, 2])
                    for label in [f"mutants/{w}" for w in wrong] + ([] if i == reached else ["solution"]):
                        events.append((rows[key], spec, label))
            # Spread over the weeks since they started; the first learner went quiet 10 days ago.
            end = 10.0 if n == 0 else rng.uniform(0.1, 2.0)
            start = max(4.0 * (reached + 1) + 1, end + 3)
            events = [
                (r, s, lab, start - (start - end) * (k + 1) / len(events)) for k, (r, s, lab) in enumerate(events)
            ]
            plan[PREFIX + NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else str(n))] = events
        return plan

    def grade(self, plan: dict) -> dict:
        todo = {(row.pk, label): spec for events in plan.values() for row, spec, label, _ in events}
        backend = get_backend(settings.GRADER_BACKEND)

        def run(item):
            (eid, label), spec = item
            code = spec.solution if label == "solution" else spec.mutants[label.removeprefix("mutants/")]
            return (eid, label), code, backend.run(job_for(spec, code))

        self.stdout.write(f"Grading {len(todo)} pieces of code with the {settings.GRADER_BACKEND} grader...")
        with ThreadPoolExecutor(max_workers=2) as pool:
            return {key: (code, result) for key, code, result in pool.map(run, todo.items())}

    def simulate(self, cohort, username, events, verdicts):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        first = max((d for *_, d in events), default=1)
        Membership.objects.create(
            cohort=cohort, user=user, role=Membership.LEARNER, joined_at=timezone.now() - timedelta(days=first + 0.5)
        )
        Submission.objects.filter(user=user).delete()
        QuizAttempt.objects.filter(user=user).delete()
        solved = {}
        for row, _, label, days_ago in events:
            code, result = verdicts[(row.pk, label)]
            sub = Submission.objects.create(user=user, exercise=row, code=code)
            services.record(sub.pk, result)
            at = timezone.now() - timedelta(days=days_ago)
            Submission.objects.filter(pk=sub.pk).update(created_at=at)
            if label == "solution":
                solved[row.topic_id] = at
        for question in QuizQuestion.objects.filter(topic_id__in=solved, retired=False):
            attempt = QuizAttempt.objects.create(user=user, question=question, given=str(question.answer), correct=True)
            QuizAttempt.objects.filter(pk=attempt.pk).update(created_at=solved[question.topic_id])
