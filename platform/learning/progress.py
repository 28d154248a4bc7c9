"""A learner's standing on the map, computed from their submissions and quiz attempts, never
stored: re-graded verdicts move the states with them. (The per-exercise ExerciseSummary rows it
reads are kept equal to the submissions by database triggers.)"""

from collections.abc import Set
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import overload

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import FloatField, Func, Min, Value
from django.utils import timezone

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import path, review
from learning.models import Draft, ExerciseSummary, QuizAttempt, Submission, TopicTestOut


class TopicView:
    """A topic as one learner stands on it: the Topic's own attributes, plus this learner's.
    (A dashboard makes thousands of these: each costs one small __init__.)"""

    def __init__(
        self,
        topic: Topic,
        state: str = "",
        passed_count: int = 0,
        required_count: int = 0,
        mastered_at=None,
        review_exercise=None,
        needs: Set = frozenset(),
        mastered: Set = frozenset(),
        quiz_right: int = 0,
        quiz_count: int = 0,
    ):
        self.topic, self.id, self.state = topic, topic.id, state
        self.passed_count, self.required_count = passed_count, required_count
        self.quiz_right, self.quiz_count = quiz_right, quiz_count
        self.mastered_at = mastered_at  # when its last required piece was passed, or its test-out
        self.review_exercise = review_exercise  # (slug, title), or None
        self._needs, self._mastered = needs, mastered

    @property
    def missing(self) -> list:
        """Its prerequisites not yet mastered."""
        return sorted(self._needs - self._mastered)

    @property
    def progress(self) -> str:
        """ "exercises 2/2, quiz 0/6": the counts the mastery rule is about."""
        text = f"exercises {self.passed_count}/{self.required_count}"
        return text + (f", quiz {self.quiz_right}/{self.quiz_count}" if self.quiz_count else "")

    @property
    def to_do(self) -> str:
        """What stands between this topic and mastered, in words ("" once mastered)."""
        if self.state in path.DONE:
            return ""
        parts = []
        if self.required_count > self.passed_count:
            n = self.required_count - self.passed_count
            parts.append(f"{n} exercise{'s' if n > 1 else ''} to pass")
        if self.quiz_count > self.quiz_right:
            n = self.quiz_count - self.quiz_right
            parts.append(f"{n} quiz question{'s' if n > 1 else ''} to answer right")
        return " and ".join(parts)

    @property
    def prerequisite_ids(self) -> list:
        return sorted(self._needs)

    def __getattr__(self, name):  # only reached for what the Topic has: title, order, minutes...
        if name in _TOPIC_RELATIONS:  # a page listing 38 topics would make a query for each
            raise AttributeError(f"TopicView.{name} is a relation of Topic; use what the Graph loaded")
        return getattr(self.topic, name)


_TOPIC_RELATIONS = {f.name for f in Topic._meta.get_fields() if f.is_relation} | {
    f.get_accessor_name() for f in Topic._meta.related_objects
}


@dataclass
class Standing:
    topics: list  # TopicViews in learning order
    goal: TopicView | None
    next_up: list
    minutes_left: int
    reviews_due: list = field(default_factory=list)  # TopicViews, the review to do first first
    goal_path: set = field(default_factory=set)  # the goal and everything it builds on
    passed: set = field(default_factory=set)  # exercise ids passed

    def state_of(self, topic_id: str) -> str:
        return next(t.state for t in self.topics if t.id == topic_id)


@dataclass
class Graph:
    """The curriculum as the path needs it: loaded once, shared by every learner's standing."""

    topics: dict  # id -> Topic
    prereqs: dict  # id -> set of prerequisite ids
    required: dict  # id -> required exercise ids
    questions: dict  # id -> quiz question ids
    order: list
    topic_of: dict  # exercise id -> topic id, every exercise
    review_exercise: dict  # topic id -> (slug, title) of its first required exercise: its review
    exercise_names: dict  # exercise id -> "TOPIC · title", for messages
    _paths: dict = field(default_factory=dict)

    def path_to(self, goal: str) -> set:
        """The goal and everything it builds on, computed once per graph (a dashboard asks 200 times)."""
        if goal not in self._paths:
            self._paths[goal] = path.ancestors(self.prereqs, goal)
        return self._paths[goal]

    def goal(self, chosen: str | None):
        """The chosen topic, else the default goal, else the last topic: (Topic or None, its path in learning order)."""
        for candidate in (chosen, settings.DEFAULT_GOAL_TOPIC, self.order[-1] if self.order else None):
            if candidate is not None and candidate in self.topics:  # the ids are never None
                on_path = self.path_to(candidate)
                return self.topics[candidate], [t for t in self.order if t in on_path]
        return None, []


@dataclass
class LearnerActivity:
    """What one learner has done, as far as the path cares."""

    passed: set = field(default_factory=set)  # exercise ids with a passing graded submission
    first_pass: dict = field(default_factory=dict)  # exercise id -> its first pass
    right: dict = field(default_factory=dict)  # quiz question id -> first answered correctly
    started: set = field(default_factory=set)  # topic ids touched in any way
    tested_out: dict = field(default_factory=dict)  # topic id -> when
    goal_id: str | None = None
    passes: list | None = None  # (time, exercise id) of every pass; None: reviews not computed


# Where a learner's goal comes from when they chose none: each is a function (user ids -> {user id:
# topic id}) that an app built on learning adds when it starts (cohorts adds its cohorts' goals), so
# learning imports none of them. Later sources win.
GOAL_SOURCES: list = []


def standing(user, goal_id: str | None = None) -> Standing:
    graph = load_graph()
    return standing_from(graph, learner_activity(graph, [user.id])[user.id], goal_id)


def load_graph() -> Graph:
    # Without the lessons: half a megabyte of HTML that no standing shows.
    topics = {t.id: t for t in Topic.objects.filter(retired=False).defer("lesson_html")}
    prereqs: dict[str, set] = {tid: set() for tid in topics}
    for tid, needs in Topic.prerequisites.through.objects.values_list("from_topic_id", "to_topic_id"):
        if tid in topics and needs in topics:
            prereqs[tid].add(needs)
    required: dict[str, list] = {}
    questions: dict[str, list] = {}
    review_exercise: dict[str, tuple[str, str]] = {}
    topic_of, names = {}, {}
    for eid, tid, slug, title, is_required, retired in Exercise.objects.order_by("order", "slug").values_list(
        "id", "topic_id", "slug", "title", "required", "retired"
    ):
        topic_of[eid], names[eid] = tid, f"{tid} · {title}"
        if is_required and not retired:
            required.setdefault(tid, []).append(eid)
            review_exercise.setdefault(tid, (slug, title))
    for tid, qid in QuizQuestion.objects.filter(retired=False).values_list("topic_id", "id"):
        questions.setdefault(tid, []).append(qid)
    order = path.learning_order(prereqs, {tid: t.order for tid, t in topics.items()})
    return Graph(topics, prereqs, required, questions, order, topic_of, review_exercise, names)


class Epoch(Func):
    """A timestamp as seconds since 1970, a float: reading thousands of timestamps through
    Django's timezone-aware loader costs more than the query that finds them. (date_part, not
    EXTRACT: EXTRACT returns numeric, and its cast to float costs as much again.)"""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date_part('epoch', %(expressions)s)", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) - 2440587.5) * 86400.0", **extra)


@overload
def from_epoch(seconds: float) -> datetime: ...


@overload
def from_epoch(seconds: None) -> None: ...


def from_epoch(seconds: float | None) -> datetime | None:
    """Epoch seconds (as the queries here return them) as an aware datetime."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


class ExerciseActivity:
    """What one learner did on one exercise. Times are kept as epoch seconds and become datetimes
    only when asked for: a cohort reads ten thousand of these and uses few of the times."""

    __slots__ = ("attempts", "passes", "first_pass_s", "last_s", "first_s")

    def __init__(self, attempts, passes, first_pass_s, last_s, first_s=None):
        self.attempts, self.passes = attempts, passes
        self.first_pass_s, self.last_s, self.first_s = first_pass_s, last_s, first_s

    first_pass = property(lambda self: from_epoch(self.first_pass_s))  # the first passing graded verdict
    last = property(lambda self: from_epoch(self.last_s))  # the latest submission, Run included
    first = property(lambda self: from_epoch(self.first_s))  # the first graded verdict (with_first only)


def exercise_activity(user_ids, with_first: bool = False) -> dict:
    """user -> exercise -> ExerciseActivity, from the summaries the database keeps (attempts counts graded
    verdicts). Every exercise touched has one, Run included. user_ids: a list, or a query of ids
    (a subquery is cheaper to build than a long IN list)."""
    rows = (
        ExerciseSummary.objects.filter(user_id__in=user_ids)
        .order_by()
        .values_list(
            "user_id",
            "exercise_id",
            "attempts",
            "passes",
            Epoch("first_passed_at"),
            Epoch("last_at"),
            Epoch("first_graded_at") if with_first else Value(None, FloatField()),
        )
    )
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # an empty list of ids
        return {}
    with connection.cursor() as cursor:  # plain tuples: Django's per-row converters cost more than the query
        cursor.execute(sql, params)
        found = cursor.fetchall()
    out: dict = {}  # user id -> exercise id -> ExerciseActivity
    for uid, eid, *values in found:
        out.setdefault(uid, {})[eid] = ExerciseActivity(*values)
    return out


def learner_activity(graph: Graph, user_ids, activity: dict | None = None, reviews: bool = True, among=None) -> dict:
    """LearnerActivity for many learners in a fixed number of queries, whatever their number.
    activity: exercise_activity(user_ids), when the caller has it already. reviews: also load every
    pass's time, which spaced review needs. among: a query of the same ids, for the queries'
    filters (Django builds a subquery faster than a list of hundreds of ids)."""
    from accounts.models import Profile

    facts = {uid: LearnerActivity() for uid in user_ids}
    activity = exercise_activity(user_ids) if activity is None else activity
    user_ids = user_ids if among is None else among
    for uid, per_exercise in activity.items():
        for eid, p in per_exercise.items():
            facts[uid].started.add(graph.topic_of[eid])
            if p.passes:
                facts[uid].passed.add(eid)
                facts[uid].first_pass[eid] = p.first_pass
    # order_by(): the models' default ordering would put created_at into SELECT DISTINCT.
    for uid, _qid, tid in (
        QuizAttempt.objects.filter(user_id__in=user_ids)
        .order_by()
        .values_list("user_id", "question_id", "question__topic_id")
        .distinct()
    ):
        facts[uid].started.add(tid)
    for uid, qid, at in (
        QuizAttempt.objects.filter(user_id__in=user_ids, correct=True)
        .order_by()
        .values("user_id", "question_id")
        .annotate(at=Min("created_at"))
        .values_list("user_id", "question_id", "at")
    ):
        facts[uid].right[qid] = at
    for uid, tid in Draft.objects.filter(user_id__in=user_ids).values_list("user_id", "exercise__topic_id"):
        facts[uid].started.add(tid)
    for (uid, tid), at in _tested_out_pairs(user_ids).items():
        facts[uid].tested_out[tid] = at
    if reviews:
        passes: dict = {}  # user id -> the same list as facts[user id].passes
        for uid, f in facts.items():
            f.passes = passes[uid] = []
        for uid, eid, at in (
            Submission.objects.filter(user_id__in=user_ids, mode=Submission.GRADE, status="passed")
            .order_by()
            .values_list("user_id", "exercise_id", "created_at")
        ):
            passes[uid].append((at, eid))
    for goals_of in GOAL_SOURCES:  # e.g. the learner's latest cohort's goal; their own choice wins below
        for uid, goal in goals_of(user_ids).items():
            facts[uid].goal_id = goal
    for uid, goal in Profile.objects.filter(user_id__in=user_ids, goal__isnull=False).values_list("user_id", "goal_id"):
        facts[uid].goal_id = goal
    return facts


def standing_from(graph: Graph, facts: LearnerActivity, goal_id: str | None = None, now=None) -> Standing:
    """goal_id overrides the learner's own goal (a cohort dashboard measures against the cohort's)."""
    passed_counts, right_counts, mastered_at = {}, {}, {}
    for tid in graph.order:  # path.MASTERY_RULE
        ids, questions = graph.required.get(tid, ()), graph.questions.get(tid, ())
        passed_counts[tid] = n = len(facts.passed.intersection(ids))
        right_counts[tid] = sum(q in facts.right for q in questions)
        if (ids or questions) and n == len(ids) and all(q in facts.right for q in questions):
            mastered_at[tid] = max([facts.first_pass[i] for i in ids] + [facts.right[q] for q in questions])
    for tid, at in facts.tested_out.items():  # a test-out vouches for what the topic builds on too
        for t in path.ancestors(graph.prereqs, tid) & graph.topics.keys():
            mastered_at[t] = min(mastered_at.get(t, at), at)
    mastered = set(mastered_at)
    due = _reviews_due(graph, facts, mastered_at, now)
    states = path.states(graph.prereqs, mastered, facts.started & graph.topics.keys(), set(due))
    topics = {
        tid: TopicView(
            graph.topics[tid],
            states[tid],
            passed_counts[tid],
            len(graph.required.get(tid, ())),
            mastered_at.get(tid),
            graph.review_exercise.get(tid),
            graph.prereqs[tid],
            mastered,
            right_counts[tid],
            len(graph.questions.get(tid, ())),
        )
        for tid in graph.order
    }
    goal, _ = graph.goal(goal_id or facts.goal_id)
    if goal is None:
        return Standing(list(topics.values()), None, [], 0, [topics[t] for t in due], passed=facts.passed)
    on_path = graph.path_to(goal.id)
    nxt = [topics[t] for t in path.next_up(graph.prereqs, {}, goal.id, states, graph.order, on_path)]
    left = sum(topics[t].minutes for t in path.remaining(graph.prereqs, goal.id, states, on_path))
    return Standing(list(topics.values()), topics[goal.id], nxt, left, [topics[t] for t in due], on_path, facts.passed)


def _reviews_due(graph: Graph, facts: LearnerActivity, mastered_at: dict, now) -> list:
    """Topics due for review, best first; none when the facts carry no pass times."""
    if facts.passes is None:
        return []
    passes = [(at, graph.topic_of[eid]) for at, eid in facts.passes if eid in graph.topic_of]
    reviews = review.schedule(graph.prereqs, mastered_at, passes)
    due = review.due(reviews, now or timezone.now())
    return review.best_first(graph.prereqs, reviews, due, graph.order)


def tested_out(user) -> set:
    return {tid for _, tid in _tested_out_pairs([user.id])}


def _tested_out_pairs(user_ids, diagnostics: bool = True) -> dict:
    """(user, topic) -> when, for test-outs whose exercise the learner passed before the deadline, and
    for a placement diagnostic's credits (no exercise: they count from when they were given)."""
    attempts = TopicTestOut.objects.filter(user_id__in=user_ids)
    attempts = list(attempts if diagnostics else attempts.filter(diagnostic__isnull=True))
    passes: dict = {}  # (user id, exercise id) -> pass times
    for uid, eid, at in Submission.objects.filter(
        user_id__in=user_ids,
        mode=Submission.GRADE,
        status="passed",
        exercise_id__in={a.exercise_id for a in attempts} - {None},
    ).values_list("user_id", "exercise_id", "created_at"):
        passes.setdefault((uid, eid), []).append(at)
    out: dict = {}
    for a in attempts:
        if a.diagnostic_id is not None:
            inside = [a.started_at]
        else:
            inside = [at for at in passes.get((a.user_id, a.exercise_id), []) if a.started_at <= at <= a.deadline]
        if inside:
            out[(a.user_id, a.topic_id)] = min(inside + [out.get((a.user_id, a.topic_id), inside[0])])
    return out


def credited_by_test_outs(user, standing) -> list:
    """(topic tested out of, [the topics it credited as mastered, in learning order]), for "you tested out of".
    A diagnostic's credits are not listed here: the placement page lists them with their diagnostic."""
    prereqs = {t.id: set(t.prerequisite_ids) for t in standing.topics}
    by_id = {t.id: t for t in standing.topics}
    out = []
    passed_test_outs = {tid for _, tid in _tested_out_pairs([user.id], diagnostics=False)}
    for tid in sorted(passed_test_outs, key=[t.id for t in standing.topics].index):
        covered = path.ancestors(prereqs, tid)
        out.append((by_id[tid], [t for t in standing.topics if t.id in covered]))
    return out


def test_out_exercise(topic):
    """The topic's hardest required exercise: by convention the last one."""
    return topic.exercises.filter(retired=False, required=True).order_by("-order", "-slug").first()


def placement_checkpoints(standing) -> list:
    """For each skill, its deepest topic: testing out of it covers the whole branch before it."""
    last = {}
    for topic in standing.topics:
        last[topic.skill] = topic
    return [t for t in last.values() if t.state not in path.DONE]
