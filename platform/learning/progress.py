"""A learner's standing on the map, computed from their submissions and quiz attempts (never
stored twice: re-graded verdicts move the states with them)."""
from dataclasses import dataclass

from django.conf import settings

from curriculum.models import Exercise, QuizQuestion, Topic
from learning import path
from learning.models import Draft, QuizAttempt, Submission, TestOut


@dataclass
class Standing:
    topics: list  # Topic rows in learning order, each with .state, .passed_count, .required_count
    goal: Topic
    next_up: list
    minutes_left: int

    def state_of(self, topic_id: str) -> str:
        return next(t.state for t in self.topics if t.id == topic_id)


def standing(user) -> Standing:
    topics = {t.id: t for t in Topic.objects.filter(retired=False).prefetch_related("prerequisites")}
    prereqs = {tid: {p.id for p in t.prerequisites.all() if p.id in topics} for tid, t in topics.items()}
    required = _required_by_topic()
    passed = set(Submission.objects.filter(user=user, mode="grade", status="passed").values_list("exercise_id", flat=True))
    quiz_open = _unanswered_questions_by_topic(user)
    mastered = set()
    for tid, topic in topics.items():
        ids = required.get(tid, [])
        topic.required_count, topic.passed_count = len(ids), sum(i in passed for i in ids)
        if (ids or quiz_open.get(tid) is not None) and topic.passed_count == len(ids) and not quiz_open.get(tid):
            mastered.add(tid)
    for tid in tested_out(user) & set(topics):  # a test-out vouches for what the topic builds on too
        mastered |= path.ancestors(prereqs, tid)
    states = path.states(prereqs, mastered, _started(user) & set(topics))
    order = path.learning_order(prereqs, {tid: t.order for tid, t in topics.items()})
    for tid in order:
        topics[tid].state = states[tid]
        topics[tid].missing = sorted(prereqs[tid] - mastered)
    goal = goal_of(user, topics, order)
    nxt = [topics[t] for t in path.next_up(prereqs, {t: topics[t].order for t in topics}, goal.id, states)] if goal else []
    left = sum(topics[t].minutes for t in path.remaining(prereqs, goal.id, states)) if goal else 0
    return Standing([topics[t] for t in order], goal, nxt, left)


def goal_of(user, topics: dict, order: list):
    from accounts.models import Profile

    chosen = Profile.objects.filter(user=user).values_list("goal_id", flat=True).first()
    for candidate in (chosen, settings.DEFAULT_GOAL_TOPIC, order[-1] if order else None):
        if candidate in topics:
            return topics[candidate]
    return None


def _required_by_topic() -> dict:
    out = {}
    for tid, eid in Exercise.objects.filter(retired=False, required=True).values_list("topic_id", "id"):
        out.setdefault(tid, []).append(eid)
    return out


def _unanswered_questions_by_topic(user) -> dict:
    """topic -> how many of its quiz questions the learner has not yet answered correctly."""
    right = set(QuizAttempt.objects.filter(user=user, correct=True).values_list("question_id", flat=True))
    out = {}
    for tid, qid in QuizQuestion.objects.filter(retired=False).values_list("topic_id", "id"):
        out[tid] = out.get(tid, 0) + (qid not in right)
    return out


def _started(user) -> set:
    started = set(Draft.objects.filter(user=user).values_list("exercise__topic_id", flat=True))
    started |= set(Submission.objects.filter(user=user).values_list("exercise__topic_id", flat=True))
    started |= set(QuizAttempt.objects.filter(user=user).values_list("question__topic_id", flat=True))
    return started


def tested_out(user) -> set:
    """Topics whose test-out exercise the learner passed before the deadline."""
    out = set()
    attempts = TestOut.objects.filter(user=user)
    passes = list(Submission.objects.filter(user=user, mode="grade", status="passed",
                                            exercise_id__in=attempts.values("exercise_id"))
                  .values_list("exercise_id", "created_at"))
    for attempt in attempts:
        if any(eid == attempt.exercise_id and attempt.started_at <= at <= attempt.deadline for eid, at in passes):
            out.add(attempt.topic_id)
    return out


def test_out_exercise(topic):
    """The topic's hardest required exercise: by convention the last one."""
    return topic.exercises.filter(retired=False, required=True).order_by("-order", "-slug").first()


def placement_checkpoints(standing) -> list:
    """For each skill, its deepest topic: testing out of it covers the whole branch before it."""
    last = {}
    for topic in standing.topics:
        last[topic.skill] = topic
    return [t for t in last.values() if t.state != path.MASTERED]
