"""Read-side queries for pages, so each page makes a fixed number of queries."""

from curriculum.models import Exercise
from learning.models import Draft, QuizAttempt


def passed_exercise_ids(user) -> set:
    if not user.is_authenticated:
        return set()
    return set(user.submissions.filter(mode="grade", status="passed").values_list("exercise_id", flat=True))


def resume_exercise(user, standing):
    """Where "continue" goes: the exercise last worked on (latest draft) while it is not passed; else
    the first exercise not passed in its topic, else in the first "next up" topic; None for a new learner."""
    latest = (
        Draft.objects.filter(user=user, exercise__retired=False)
        .order_by("-updated_at")
        .values_list("exercise_id", "exercise__topic_id")
        .first()
    )
    topics = ([latest[1]] if latest else []) + [t.id for t in standing.next_up]
    candidates = (
        Exercise.objects.filter(topic_id__in=topics, retired=False)
        .exclude(id__in=standing.passed)
        .select_related("topic")
        .order_by("order", "slug")
    )
    first: dict = {}  # topic id -> its first required exercise not passed
    for exercise in candidates:
        if latest and exercise.id == latest[0]:
            return exercise
        if exercise.required:
            first.setdefault(exercise.topic_id, exercise)
    if latest is None and not standing.passed:
        return None  # a new learner is offered the first topic and the placement check instead
    return next((first[t] for t in topics if t in first), None)


def questions_with_last_attempt(topic, user) -> list:
    """The topic's quiz, each question with the learner's latest attempt (or None)."""
    questions = list(topic.questions.filter(retired=False))
    latest = {}
    for attempt in QuizAttempt.objects.filter(user=user, question__topic=topic).order_by("created_at"):
        latest[attempt.question_id] = attempt
    for q in questions:
        q.attempt = latest.get(q.id)
    return questions
