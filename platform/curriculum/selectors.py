"""Read-side queries for pages, so each page makes a fixed number of queries."""


def passed_exercise_ids(user) -> set:
    if not user.is_authenticated:
        return set()
    return set(user.submissions.filter(mode="grade", status="passed").values_list("exercise_id", flat=True))


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
