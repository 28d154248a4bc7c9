"""A learner's standing on the map, computed from their submissions and quiz attempts (never
stored twice: re-graded verdicts move the states with them)."""
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import connection
from django.db.models import Count, FloatField, Func, Max, Min, Q
from django.utils import timezone

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import path, review
from learning.models import Draft, QuizAttempt, Submission, TestOut


class TopicView:
    """A topic as one learner stands on it: the Topic's own attributes, plus this learner's."""

    def __init__(self, topic: Topic):
        self.topic, self.id = topic, topic.id
        self.state, self.passed_count, self.required_count, self.missing = "", 0, 0, []
        self.mastered_at = None  # when its last required piece was passed, or its test-out

    def __getattr__(self, name):  # only reached for what the Topic has: title, order, minutes...
        return getattr(self.topic, name)


@dataclass
class Standing:
    topics: list  # TopicViews in learning order
    goal: Topic
    next_up: list
    minutes_left: int
    reviews_due: list = field(default_factory=list)  # TopicViews, the review to do first first
    goal_path: set = field(default_factory=set)  # the goal and everything it builds on

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
            if candidate in self.topics:
                on_path = self.path_to(candidate)
                return self.topics[candidate], [t for t in self.order if t in on_path]
        return None, []


@dataclass
class Facts:
    """What one learner has done, as far as the path cares."""
    passed: set = field(default_factory=set)  # exercise ids with a passing graded submission
    first_pass: dict = field(default_factory=dict)  # exercise id -> its first pass
    right: dict = field(default_factory=dict)  # quiz question id -> first answered correctly
    started: set = field(default_factory=set)  # topic ids touched in any way
    tested_out: dict = field(default_factory=dict)  # topic id -> when
    goal_id: str | None = None
    passes: list | None = None  # (time, exercise id) of every pass; None: reviews not computed


def standing(user, goal_id: str | None = None) -> Standing:
    graph = load_graph()
    return standing_from(graph, facts_for(graph, [user.id])[user.id], goal_id)


def load_graph() -> Graph:
    topics = {t.id: t for t in Topic.objects.filter(retired=False).prefetch_related("prerequisites")}
    prereqs = {tid: {p.id for p in t.prerequisites.all() if p.id in topics} for tid, t in topics.items()}
    required, questions, topic_of, review_exercise, names = {}, {}, {}, {}, {}
    for eid, tid, slug, title, is_required, retired in (
            Exercise.objects.order_by("order", "slug")
            .values_list("id", "topic_id", "slug", "title", "required", "retired")):
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
    Django's timezone-aware loader costs more than the query that finds them."""
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::float8", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) - 2440587.5) * 86400.0",
                           **extra)


def _when(seconds):
    return None if seconds is None else datetime.fromtimestamp(seconds, dt_timezone.utc)


def submission_pairs(user_ids, with_first: bool = False) -> dict:
    """user -> exercise -> {attempts, passes, first_pass, last} in one grouped query (attempts
    counts graded verdicts; last, any submission; first, the first graded one). Every exercise
    touched has a row, Run included."""
    graded = Q(mode=Submission.GRADE, state=Submission.DONE)
    passed = Q(mode=Submission.GRADE, status="passed")
    extra = {"first": Epoch(Min("created_at", filter=graded))} if with_first else {}
    rows = (Submission.objects.filter(user_id__in=user_ids).order_by().values("user_id", "exercise_id")
            .annotate(attempts=Count("id", filter=graded), passes=Count("id", filter=passed),
                      first_pass=Epoch(Min("created_at", filter=passed)), last=Epoch(Max("created_at")),
                      **extra))
    if not user_ids:
        return {}
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:  # plain tuples: Django's per-row converters cost more than the query
        cursor.execute(sql, params)
        found = cursor.fetchall()
    names = ["user_id", "exercise_id", "attempts", "passes", "first_pass", "last"] + list(extra)
    out = {}
    for values in found:
        r = dict(zip(names, values))
        r["first_pass"], r["last"] = _when(r["first_pass"]), _when(r["last"])
        if with_first:
            r["first"] = _when(r["first"])
        out.setdefault(r["user_id"], {})[r["exercise_id"]] = r
    return out


def facts_for(graph: Graph, user_ids, pairs: dict | None = None, reviews: bool = True) -> dict:
    """Facts for many learners in a fixed number of queries, whatever their number.
    pairs: submission_pairs(user_ids), when the caller has it already. reviews: also load every
    pass's time, which spaced review needs."""
    from accounts.models import Profile
    from cohorts.models import Membership

    facts = {uid: Facts() for uid in user_ids}
    pairs = submission_pairs(user_ids) if pairs is None else pairs
    for uid, per_exercise in pairs.items():
        for eid, p in per_exercise.items():
            facts[uid].started.add(graph.topic_of[eid])
            if p["passes"]:
                facts[uid].passed.add(eid)
                facts[uid].first_pass[eid] = p["first_pass"]
    # order_by(): the models' default ordering would put created_at into SELECT DISTINCT.
    for uid, qid, tid in (QuizAttempt.objects.filter(user_id__in=user_ids).order_by()
                          .values_list("user_id", "question_id", "question__topic_id").distinct()):
        facts[uid].started.add(tid)
    for uid, qid, at in (QuizAttempt.objects.filter(user_id__in=user_ids, correct=True).order_by()
                         .values("user_id", "question_id").annotate(at=Min("created_at"))
                         .values_list("user_id", "question_id", "at")):
        facts[uid].right[qid] = at
    for uid, tid in Draft.objects.filter(user_id__in=user_ids).values_list("user_id", "exercise__topic_id"):
        facts[uid].started.add(tid)
    for (uid, tid), at in _tested_out_pairs(user_ids).items():
        facts[uid].tested_out[tid] = at
    if reviews:
        for uid in user_ids:
            facts[uid].passes = []
        for uid, eid, at in (Submission.objects.filter(user_id__in=user_ids, mode=Submission.GRADE, status="passed")
                             .order_by().values_list("user_id", "exercise_id", "created_at")):
            facts[uid].passes.append((at, eid))
    for uid, goal in (Membership.objects.filter(user_id__in=user_ids, role=Membership.LEARNER,
                                                cohort__archived=False, cohort__goal__isnull=False)
                      .order_by("joined_at").values_list("user_id", "cohort__goal_id")):
        facts[uid].goal_id = goal  # the latest cohort's goal; the learner's own choice wins below
    for uid, goal in Profile.objects.filter(user_id__in=user_ids, goal__isnull=False).values_list("user_id", "goal_id"):
        facts[uid].goal_id = goal
    return facts


def standing_from(graph: Graph, facts: Facts, goal_id: str | None = None, now=None) -> Standing:
    """goal_id overrides the learner's own goal (a cohort dashboard measures against the cohort's)."""
    topics = {tid: TopicView(t) for tid, t in graph.topics.items()}
    mastered_at = {}
    for tid, topic in topics.items():
        ids, questions = graph.required.get(tid, []), graph.questions.get(tid, [])
        topic.required_count, topic.passed_count = len(ids), sum(i in facts.passed for i in ids)
        if (ids or questions) and topic.passed_count == len(ids) and all(q in facts.right for q in questions):
            mastered_at[tid] = max([facts.first_pass[i] for i in ids] + [facts.right[q] for q in questions])
    for tid, at in facts.tested_out.items():  # a test-out vouches for what the topic builds on too
        for t in path.ancestors(graph.prereqs, tid) & set(topics):
            mastered_at[t] = min(mastered_at.get(t, at), at)
    mastered = set(mastered_at)
    due = _reviews_due(graph, facts, mastered_at, now)
    states = path.states(graph.prereqs, mastered, facts.started & set(topics), set(due))
    for tid in graph.order:
        topics[tid].state = states[tid]
        topics[tid].missing = sorted(graph.prereqs[tid] - mastered)
        topics[tid].review_exercise = graph.review_exercise.get(tid)
        topics[tid].mastered_at = mastered_at.get(tid)
    goal, _ = graph.goal(goal_id or facts.goal_id)
    if goal is None:
        return Standing([topics[t] for t in graph.order], None, [], 0, [topics[t] for t in due])
    on_path = graph.path_to(goal.id)
    nxt = [topics[t] for t in path.next_up(graph.prereqs, {}, goal.id, states, graph.order, on_path)]
    left = sum(topics[t].minutes for t in path.remaining(graph.prereqs, goal.id, states, on_path))
    return Standing([topics[t] for t in graph.order], topics[goal.id], nxt, left, [topics[t] for t in due], on_path)


def _reviews_due(graph: Graph, facts: Facts, mastered_at: dict, now) -> list:
    """Topics due for review, best first; none when the facts carry no pass times."""
    if facts.passes is None:
        return []
    passes = [(at, graph.topic_of[eid]) for at, eid in facts.passes if eid in graph.topic_of]
    reviews = review.schedule(graph.prereqs, mastered_at, passes)
    due = review.due(reviews, now or timezone.now())
    return review.best_first(graph.prereqs, reviews, due, graph.order)


def tested_out(user) -> set:
    return {tid for _, tid in _tested_out_pairs([user.id])}


def _tested_out_pairs(user_ids) -> dict:
    """(user, topic) -> when, for test-outs whose exercise the learner passed before the deadline."""
    attempts = list(TestOut.objects.filter(user_id__in=user_ids))
    passes = {}
    for uid, eid, at in (Submission.objects.filter(user_id__in=user_ids, mode=Submission.GRADE, status="passed",
                                                   exercise_id__in={a.exercise_id for a in attempts})
                         .values_list("user_id", "exercise_id", "created_at")):
        passes.setdefault((uid, eid), []).append(at)
    out = {}
    for a in attempts:
        inside = [at for at in passes.get((a.user_id, a.exercise_id), []) if a.started_at <= at <= a.deadline]
        if inside:
            out[(a.user_id, a.topic_id)] = min(inside + [out.get((a.user_id, a.topic_id), inside[0])])
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
