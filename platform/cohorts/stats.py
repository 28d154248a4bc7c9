"""What a cohort's admins see, computed for every member at once in a fixed number of queries
(the count does not grow with the cohort), from the submissions and their per-exercise summaries:
nothing here is stored."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from cohorts.models import Cohort, Membership
from curriculum.models import Exercise
from learning import path, progress
from learning.models import FailedTest, QuizAttempt

AHEAD, ON_TRACK, BEHIND = "ahead", "on track", "behind"


@dataclass
class LearnerRow:
    user: object
    standing: progress.Standing
    joined_at: datetime
    last_activity: datetime | None = None
    done: int = 0  # goal-path topics mastered
    expected: int | None = None  # goal-path topics due by today, when the cohort has a schedule
    pace: str | None = None
    stuck: list = field(default_factory=list)  # reasons, in words

    @property
    def states(self) -> list:
        return [t.state for t in self.standing.topics]


@dataclass
class Dashboard:
    cohort: Cohort
    topics: list  # Topic copies in learning order (the grid's columns)
    goal_path: list  # topic ids on the way to the cohort's goal, in learning order
    rows: list
    due: dict  # topic id -> target date
    progress_series: list  # (date, mean share of the goal path mastered)
    topic_pass_rates: list  # (topic, passed, attempts)

    @property
    def stuck_rows(self) -> list:
        return [r for r in self.rows if r.stuck]


def learners(cohort: Cohort):
    return (
        get_user_model()
        .objects.filter(memberships__cohort=cohort, memberships__role=Membership.LEARNER)
        .order_by("username")
    )


def dashboard(cohort: Cohort, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    members = {m.user_id: m for m in cohort.memberships.filter(role=Membership.LEARNER).select_related("user")}
    ids, among = list(members), _learner_ids(cohort)
    graph = progress.load_graph()
    activity = progress.exercise_activity(among)
    # with reviews: the grid and the CSV tell "review due" from mastered (one more query: every pass's time)
    facts = progress.learner_activity(graph, ids, activity, reviews=True, among=among)
    goal, goal_path = graph.goal(cohort.goal_id)
    deadlines = dict(cohort.deadlines.values_list("topic_id", "due"))
    due = schedule(cohort, goal_path, deadlines=deadlines)
    last = _last_activity(among, activity)
    rows, mastered_at = [], {}
    for uid in sorted(ids, key=lambda u: members[u].user.username.lower()):
        standing = progress.standing_from(graph, facts[uid], goal.id if goal else None)
        row = LearnerRow(members[uid].user, standing, members[uid].joined_at, last.get(uid))
        states = {t.id: t.state for t in standing.topics}
        row.done = sum(states[t] in path.DONE for t in goal_path)
        mastered_at[uid] = {t.id: t.mastered_at for t in standing.topics if t.mastered_at}
        if due:
            mine = schedule(cohort, goal_path, timezone.localdate(members[uid].joined_at), deadlines)
            row.expected = sum(d <= today for t, d in mine.items())
            row.pace = AHEAD if row.done > row.expected else BEHIND if row.done < row.expected else ON_TRACK
        row.stuck = _stuck_reasons(cohort, row, activity.get(uid, {}), graph.exercise_names, len(goal_path))
        rows.append(row)
    topics = rows[0].standing.topics if rows else progress.standing_from(graph, progress.LearnerActivity()).topics
    return Dashboard(
        cohort,
        topics,
        goal_path,
        rows,
        due,
        _progress_series(mastered_at, goal_path, members, today),
        _topic_pass_rates(graph, activity),
    )


def _learner_ids(cohort: Cohort):
    return Membership.objects.filter(cohort=cohort, role=Membership.LEARNER).values("user_id")


def schedule(cohort: Cohort, goal_path: list, joined: date | None = None, deadlines: dict | None = None) -> dict:
    """Target date per goal-path topic: explicit deadlines win; otherwise start + pace per topic, the
    start being the learner's join date when they joined after the cohort started (nobody is behind
    on the day they join). deadlines: topic id -> date, when the caller has them already."""
    due = paced_dates(cohort, goal_path, joined)
    if deadlines is None:
        deadlines = dict(cohort.deadlines.values_list("topic_id", "due"))
    due.update((tid, when) for tid, when in deadlines.items() if tid in goal_path)
    return due


def paced_dates(cohort: Cohort, goal_path: list, joined: date | None = None) -> dict:
    if not (cohort.start_date and cohort.pace_days):
        return {}
    start = max(cohort.start_date, joined) if joined else cohort.start_date
    return {tid: start + timedelta(days=n * cohort.pace_days) for n, tid in enumerate(goal_path, 1)}


def _last_activity(ids: list, activity: dict) -> dict:
    last = {
        uid: progress.from_epoch(max(p.last_s for p in per_exercise.values())) for uid, per_exercise in activity.items()
    }
    for uid, at in (
        QuizAttempt.objects.filter(user_id__in=ids)
        .order_by()
        .values("user_id")
        .annotate(at=Max("created_at"))
        .values_list("user_id", "at")
    ):
        last[uid] = max(at, last.get(uid, at))
    return last


def _stuck_reasons(cohort: Cohort, row: LearnerRow, activity: dict, names: dict, path_length: int) -> list:
    reasons, now = [], timezone.now()
    if path_length and row.done < path_length:
        passes = [p.first_pass_s for p in activity.values() if p.passes]
        since = max(progress.from_epoch(max(passes)), row.joined_at) if passes else row.joined_at
        days = (now - since).days
        if days >= cohort.stuck_days:
            what = "passed nothing" if not passes else "passed no new exercise"
            reasons.append(f"{what} for {days} days")
    for eid, p in activity.items():
        failed = p.attempts - p.passes
        if not p.passes and failed >= cohort.stuck_failures:
            reasons.append(f"{failed} failed submissions on {names.get(eid, eid)}, not yet passed")
    return reasons


def _progress_series(mastered_at: dict, goal_path: list, members: dict, today: date, days: int = 60) -> list:
    """(day, mean share of the goal path mastered by then), for the last `days` days of the cohort."""
    if not members or not goal_path:
        return []
    start = max(min(m.joined_at for m in members.values()).date(), today - timedelta(days=days))
    tz, on_path = timezone.get_current_timezone(), set(goal_path)
    events = sorted(
        at.astimezone(tz).date() for uid in members for tid, at in mastered_at.get(uid, {}).items() if tid in on_path
    )
    series, n, i = [], len(members) * len(goal_path), 0
    day = start
    while day <= today:
        while i < len(events) and events[i] <= day:
            i += 1
        series.append((day, i / n))
        day += timedelta(days=1)
    return series


def _topic_pass_rates(graph: progress.Graph, activity: dict) -> list:
    topic_of = {e: tid for tid, es in graph.required.items() for e in es}
    passed: dict[str, int] = {}  # topic id -> passes of its required exercises
    attempts: dict[str, int] = {}
    for per_user in activity.values():
        for eid, p in per_user.items():
            tid = topic_of.get(eid)
            if tid:
                passed[tid] = passed.get(tid, 0) + p.passes
                attempts[tid] = attempts.get(tid, 0) + p.attempts
    return [(graph.topics[t], passed[t], attempts[t]) for t in graph.order if attempts.get(t)]


@dataclass
class ExerciseStats:
    exercise: object
    attempts: int = 0
    learners: int = 0
    passed_learners: int = 0
    passes: int = 0
    median_attempts: float | None = None
    median_minutes: float | None = None
    failing: list = field(default_factory=list)  # (test name, failures, learners, typical hint or message)

    @property
    def pass_rate(self) -> float:
        return self.passes / self.attempts if self.attempts else 0.0


def exercise_stats(cohort: Cohort, top_tests: int = 3) -> list:
    ids = _learner_ids(cohort)
    activity = progress.exercise_activity(ids, with_first=True)
    to_pass = _attempts_to_pass(cohort)
    stats: dict[int, dict] = {}  # exercise id -> its totals
    for uid, per_user in activity.items():
        for eid, p in per_user.items():
            if not p.attempts:  # only Run so far
                continue
            s = stats.setdefault(eid, {"attempts": 0, "passes": 0, "learners": 0, "tries": [], "minutes": []})
            s["attempts"] += p.attempts
            s["passes"] += p.passes
            s["learners"] += 1
            if p.passes:
                s["tries"].append(to_pass.get((uid, eid), 1))
                s["minutes"].append((p.first_pass_s - p.first_s) / 60)
    failing = _failing_tests(ids, top_tests)
    exercises = (
        Exercise.objects.filter(pk__in=stats).select_related("topic").order_by("topic__order", "topic_id", "order")
    )
    out = []
    for ex in exercises:
        s = stats[ex.pk]
        out.append(
            ExerciseStats(
                ex,
                s["attempts"],
                s["learners"],
                len(s["tries"]),
                s["passes"],
                median(s["tries"]) if s["tries"] else None,
                median(s["minutes"]) if s["minutes"] else None,
                failing.get(ex.pk, []),
            )
        )
    return out


def _attempts_to_pass(cohort: Cohort) -> dict:
    """(user, exercise) -> graded submissions up to and including the first pass."""
    sql = """
        SELECT s.user_id, s.exercise_id, COUNT(*)
        FROM learning_submission s
        JOIN (SELECT user_id, exercise_id, MIN(created_at) AS first_pass FROM learning_submission
              WHERE mode = 'grade' AND status = 'passed'
                AND user_id IN (SELECT user_id FROM cohorts_membership WHERE cohort_id = %s AND role = 'learner')
              GROUP BY user_id, exercise_id) f
          ON s.user_id = f.user_id AND s.exercise_id = f.exercise_id
        WHERE s.mode = 'grade' AND s.state = 'done' AND s.created_at <= f.first_pass
        GROUP BY s.user_id, s.exercise_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [cohort.pk])
        return {(u, e): n for u, e, n in cursor.fetchall()}


def _failing_tests(ids, top: int) -> dict:
    """exercise -> the tests that fail most often, with the mistake most often named for each.
    ids: the learners, as a list or a query of ids."""
    failures = FailedTest.objects.filter(user_id__in=ids)
    counts = (
        failures.values("exercise_id", "name")
        .annotate(n=Count("id"), learners=Count("user_id", distinct=True), message=Max("message"))
        .order_by("exercise_id", "-n", "name")
    )
    hints: dict[tuple, str] = {}  # (exercise id, test name) -> its most common hint
    for r in failures.exclude(hint="").values("exercise_id", "name", "hint").annotate(n=Count("id")).order_by("-n"):
        hints.setdefault((r["exercise_id"], r["name"]), r["hint"])
    out: dict[int, list] = {}  # exercise id -> its failing tests, most failed first
    for r in counts:
        rows = out.setdefault(r["exercise_id"], [])
        if len(rows) < top:
            rows.append((r["name"], r["n"], r["learners"], hints.get((r["exercise_id"], r["name"]), r["message"])))
    return out
