"""A learner's standing on the map, computed from their submissions and quiz attempts (never
stored twice: re-graded verdicts move the states with them)."""
import copy
from dataclasses import dataclass, field

from django.conf import settings

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import path
from learning.models import Draft, QuizAttempt, Submission, TestOut


@dataclass
class Standing:
    topics: list  # Topic copies in learning order, each with .state, .passed_count, .required_count, .missing
    goal: Topic
    next_up: list
    minutes_left: int

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


@dataclass
class Facts:
    """What one learner has done, as far as the path cares."""
    passed: set = field(default_factory=set)  # exercise ids with a passing graded submission
    right: set = field(default_factory=set)  # quiz question ids answered correctly
    started: set = field(default_factory=set)  # topic ids touched in any way
    tested_out: set = field(default_factory=set)
    goal_id: str | None = None


def standing(user, goal_id: str | None = None) -> Standing:
    return standing_from(load_graph(), facts_for([user.id])[user.id], goal_id)


def load_graph() -> Graph:
    topics = {t.id: t for t in Topic.objects.filter(retired=False).prefetch_related("prerequisites")}
    prereqs = {tid: {p.id for p in t.prerequisites.all() if p.id in topics} for tid, t in topics.items()}
    required, questions = {}, {}
    for tid, eid in Exercise.objects.filter(retired=False, required=True).values_list("topic_id", "id"):
        required.setdefault(tid, []).append(eid)
    for tid, qid in QuizQuestion.objects.filter(retired=False).values_list("topic_id", "id"):
        questions.setdefault(tid, []).append(qid)
    order = path.learning_order(prereqs, {tid: t.order for tid, t in topics.items()})
    return Graph(topics, prereqs, required, questions, order)


def facts_for(user_ids) -> dict:
    """Facts for many learners in a fixed number of queries, whatever their number."""
    from accounts.models import Profile
    from cohorts.models import Membership

    facts = {uid: Facts() for uid in user_ids}
    graded = Submission.objects.filter(user_id__in=user_ids, mode=Submission.GRADE)
    for uid, eid in graded.filter(status="passed").values_list("user_id", "exercise_id").distinct():
        facts[uid].passed.add(eid)
    for uid, qid in QuizAttempt.objects.filter(user_id__in=user_ids, correct=True).values_list("user_id", "question_id"):
        facts[uid].right.add(qid)
    touched = (Draft.objects.filter(user_id__in=user_ids).values_list("user_id", "exercise__topic_id"),
               Submission.objects.filter(user_id__in=user_ids).values_list("user_id", "exercise__topic_id"),
               QuizAttempt.objects.filter(user_id__in=user_ids).values_list("user_id", "question__topic_id"))
    for rows in touched:
        for uid, tid in rows.distinct():
            facts[uid].started.add(tid)
    for uid, tid in _tested_out_pairs(user_ids):
        facts[uid].tested_out.add(tid)
    for uid, goal in (Membership.objects.filter(user_id__in=user_ids, role=Membership.LEARNER,
                                                cohort__archived=False, cohort__goal__isnull=False)
                      .order_by("-joined_at").values_list("user_id", "cohort__goal_id")):
        facts[uid].goal_id = goal  # the latest cohort's goal; the learner's own choice wins below
    for uid, goal in Profile.objects.filter(user_id__in=user_ids, goal__isnull=False).values_list("user_id", "goal_id"):
        facts[uid].goal_id = goal
    return facts


def standing_from(graph: Graph, facts: Facts, goal_id: str | None = None) -> Standing:
    """goal_id overrides the learner's own goal (a cohort dashboard measures against the cohort's)."""
    topics = {tid: copy.copy(t) for tid, t in graph.topics.items()}
    mastered = set()
    for tid, topic in topics.items():
        ids, questions = graph.required.get(tid, []), graph.questions.get(tid, [])
        topic.required_count, topic.passed_count = len(ids), sum(i in facts.passed for i in ids)
        quiz_done = all(q in facts.right for q in questions)
        if (ids or questions) and topic.passed_count == len(ids) and quiz_done:
            mastered.add(tid)
    for tid in facts.tested_out & set(topics):  # a test-out vouches for what the topic builds on too
        mastered |= path.ancestors(graph.prereqs, tid)
    states = path.states(graph.prereqs, mastered, facts.started & set(topics))
    for tid in graph.order:
        topics[tid].state = states[tid]
        topics[tid].missing = sorted(graph.prereqs[tid] - mastered)
    goal = _goal(topics, graph.order, goal_id or facts.goal_id)
    priority = {t: topics[t].order for t in topics}
    nxt = [topics[t] for t in path.next_up(graph.prereqs, priority, goal.id, states)] if goal else []
    left = sum(topics[t].minutes for t in path.remaining(graph.prereqs, goal.id, states)) if goal else 0
    return Standing([topics[t] for t in graph.order], goal, nxt, left)


def _goal(topics: dict, order: list, chosen: str | None):
    for candidate in (chosen, settings.DEFAULT_GOAL_TOPIC, order[-1] if order else None):
        if candidate in topics:
            return topics[candidate]
    return None


def tested_out(user) -> set:
    return {tid for _, tid in _tested_out_pairs([user.id])}


def _tested_out_pairs(user_ids) -> set:
    """(user, topic) for test-outs whose exercise the learner passed before the deadline."""
    attempts = list(TestOut.objects.filter(user_id__in=user_ids))
    passes = {}
    for uid, eid, at in (Submission.objects.filter(user_id__in=user_ids, mode=Submission.GRADE, status="passed",
                                                   exercise_id__in={a.exercise_id for a in attempts})
                         .values_list("user_id", "exercise_id", "created_at")):
        passes.setdefault((uid, eid), []).append(at)
    return {(a.user_id, a.topic_id) for a in attempts
            if any(a.started_at <= at <= a.deadline for at in passes.get((a.user_id, a.exercise_id), []))}


def test_out_exercise(topic):
    """The topic's hardest required exercise: by convention the last one."""
    return topic.exercises.filter(retired=False, required=True).order_by("-order", "-slug").first()


def placement_checkpoints(standing) -> list:
    """For each skill, its deepest topic: testing out of it covers the whole branch before it."""
    last = {}
    for topic in standing.topics:
        last[topic.skill] = topic
    return [t for t in last.values() if t.state != path.MASTERED]
