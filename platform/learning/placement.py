"""The placement diagnostic against the database: start or resume, answer, finish, undo.

The adaptive step is learning.diagnostic (pure); this module feeds it the learner's standing and
the quiz, keeps the run in a Diagnostic row (so a reload resumes it), marks answers here on the
server, and credits through TopicTestOut rows, the test-out machinery every progress view already reads.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from curriculum.models import QuizQuestion
from learning import diagnostic, path, progress
from learning.models import Diagnostic, TopicTestOut

DONT_KNOW = "dont-know"  # the "I don't know this yet" button: counted as a wrong answer, without guessing


def probe_questions() -> dict:
    """topic id -> the ids of the questions a probe of it asks (its first few, in quiz order)."""
    questions: dict[str, list] = {}
    for tid, qid in (
        QuizQuestion.objects.filter(retired=False).order_by("topic_id", "order", "slug").values_list("topic_id", "id")
    ):
        if len(questions.setdefault(tid, [])) < diagnostic.QUESTIONS_PER_TOPIC:
            questions[tid].append(qid)
    return questions


def running(user) -> Diagnostic | None:
    """The learner's unfinished diagnostic, finished first if its time is up."""
    d = Diagnostic.objects.filter(user=user, finished_at__isnull=True).first()
    if d is not None and timezone.now() >= d.deadline:
        finish(d)
        return None
    return d


def start(user) -> Diagnostic:
    """Resume the running diagnostic, or begin one aimed at the learner's goal."""
    d = running(user)
    if d is None:
        standing = progress.standing(user)
        try:
            with transaction.atomic():
                d = Diagnostic.objects.create(user=user, goal=standing.goal.topic if standing.goal else None)
        except IntegrityError:  # a double click: the other request started it
            return Diagnostic.objects.get(user=user, finished_at__isnull=True)
        advance(d)
    return d


def advance(d: Diagnostic) -> None:
    """Choose the next question, or finish when there is none (or no time left)."""
    graph = progress.load_graph()
    standing = progress.standing_from(
        graph, progress.learner_activity(graph, [d.user_id], reviews=False)[d.user_id], d.goal_id
    )
    mastered = {t.id for t in standing.topics if t.state in path.DONE}
    goal = d.goal_id if d.goal_id in graph.topics else (standing.goal.id if standing.goal else None)
    on_path = graph.path_to(goal) if goal else set()
    qid = diagnostic.next_question(graph.prereqs, graph.order, on_path, probe_questions(), d.answers, mastered)
    if qid is None or timezone.now() >= d.deadline:
        finish(d)
    else:
        d.question_id = qid
        d.save(update_fields=["question"])


def answer(d: Diagnostic, question_id: int, given: str) -> str:
    """Mark an answer to the question being asked, on the server. Returns "" or a message for the learner
    (an unreadable answer is not counted; one to a question no longer asked, a second tab's, is ignored)."""
    with transaction.atomic():
        d = Diagnostic.objects.select_for_update().get(pk=d.pk)
        if not d.running or d.question_id != question_id:
            return ""
        question = d.question
        if given == DONT_KNOW:
            right = False
        else:
            try:
                right = question.mark(given)
            except ValueError:
                what = "Enter a number, for example 2.5" if question.is_numeric else "Choose one of the answers"
                return f"{what}, or press \u201cI don\u2019t know this yet\u201d."
        d.answers = d.answers + [[question.id, question.topic_id, right]]
        d.question = None
        d.save(update_fields=["answers", "question"])
    advance(d)
    return ""


def finish(d: Diagnostic) -> None:
    """Credit what the answers placed: one TopicTestOut per deepest placed topic (it vouches for everything it
    builds on), and record what that added and where to start. Only adds: earned progress is never touched."""
    with transaction.atomic():
        d = Diagnostic.objects.select_for_update().get(pk=d.pk)
        if not d.running:
            return
        graph = progress.load_graph()
        before = progress.standing_from(
            graph, progress.learner_activity(graph, [d.user_id], reviews=False)[d.user_id], d.goal_id
        )
        done_before = {t.id for t in before.topics if t.state in path.DONE}
        placed, _failed, _pending = diagnostic.tally(d.answers, probe_questions())
        placed &= graph.topics.keys()
        deepest = {t for t in placed if not any(t != o and t in path.ancestors(graph.prereqs, o) for o in placed)}
        TopicTestOut.objects.bulk_create(
            TopicTestOut(user_id=d.user_id, topic_id=t, diagnostic=d) for t in sorted(deepest)
        )
        added = diagnostic.credited(graph.prereqs, placed) - done_before
        after = progress.standing_from(
            graph, progress.learner_activity(graph, [d.user_id], reviews=False)[d.user_id], d.goal_id
        )
        d.credited = [t for t in graph.order if t in added]
        d.start_at = after.next_up[0].id if after.next_up else ""
        d.question, d.finished_at = None, timezone.now()
        d.save()


def undo(d: Diagnostic) -> int:
    """Take back a finished diagnostic's credits (its TopicTestOut rows only). Returns how many topics it had added."""
    with transaction.atomic():
        d = Diagnostic.objects.select_for_update().get(pk=d.pk)
        if d.running or d.undone_at:
            return 0
        d.credits.all().delete()
        d.undone_at = timezone.now()
        d.save(update_fields=["undone_at"])
        return len(d.credited)
