"""Read-side queries for pages, so each page makes a fixed number of queries."""
import heapq

from curriculum.models import Exercise, Topic


def passed_exercise_ids(user) -> set:
    if not user.is_authenticated:
        return set()
    return set(user.submissions.filter(mode="grade", status="passed").values_list("exercise_id", flat=True))


def in_learning_order(topics: list) -> list:
    """Prerequisites before what needs them; among topics that are free to go next, lowest `order` first."""
    by_id = {t.id: t for t in topics}
    waiting = {t.id: {p.id for p in t.prerequisites.all() if p.id in by_id} for t in topics}
    ready = [(t.order, t.id) for t in topics if not waiting[t.id]]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, tid = heapq.heappop(ready)
        ordered.append(by_id[tid])
        for other, needs in waiting.items():
            if tid in needs:
                needs.discard(tid)
                if not needs:
                    heapq.heappush(ready, (by_id[other].order, other))
    return ordered


def topics_with_progress(user) -> list:
    topics = in_learning_order(list(Topic.objects.filter(retired=False).prefetch_related("prerequisites")))
    exercises = Exercise.objects.filter(retired=False, required=True).values_list("topic_id", "id")
    passed = passed_exercise_ids(user)
    for topic in topics:
        ids = [eid for tid, eid in exercises if tid == topic.id]
        topic.required_count, topic.passed_count = len(ids), sum(eid in passed for eid in ids)
    return topics


def resume_exercise(user):
    """The exercise the learner last worked on (their most recently saved draft), or None."""
    from learning.models import Draft

    draft = Draft.objects.filter(user=user, exercise__retired=False).select_related("exercise__topic")
    latest = draft.order_by("-updated_at").first()
    return latest.exercise if latest else None


def questions_with_last_attempt(topic, user) -> list:
    """The topic's quiz, each question with the learner's latest attempt (or None)."""
    from learning.models import QuizAttempt

    questions = list(topic.questions.filter(retired=False))
    latest = {}
    for attempt in QuizAttempt.objects.filter(user=user, question__topic=topic).order_by("created_at"):
        latest[attempt.question_id] = attempt
    for q in questions:
        q.attempt = latest.get(q.id)
    return questions
